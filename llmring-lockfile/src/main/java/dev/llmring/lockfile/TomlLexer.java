package dev.llmring.lockfile;

/**
 * The cursor over TOML 1.0 text and its lexical forms: whitespace, comments, newlines, keys and the four kinds of
 * string (the bare-word values are in {@link TomlScalars}). Every scan is a single forward pass (no regular expressions, no
 * backtracking); every failure is a {@link LockfileException} whose message starts with {@code TOML syntax error: }
 * and names the line and column.
 */
final class TomlLexer {
    final String text;
    final String file;
    int pos;
    int line = 1;
    private int lineStart;

    TomlLexer(String text, String file) {
        this.text = text;
        this.file = file;
    }

    // ---- cursor

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The character at the cursor, or -1 at the end. */
    int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    int column() {
        return pos - lineStart + 1;
    }

    boolean atNewline() {
        return peek() == '\n' || (peek() == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n');
    }

    /** Consumes a newline (LF or CRLF) at the cursor. */
    void newline() {
        pos += text.charAt(pos) == '\r' ? 2 : 1;
        line++;
        lineStart = pos;
    }

    void skipSpaces() {
        while (peek() == ' ' || peek() == '\t') pos++;
    }

    /** Skips a comment at the cursor, if any, refusing control characters in it (TOML allows only tab). */
    void skipComment() {
        if (peek() != '#') return;
        pos++;
        while (!atEnd() && !atNewline()) {
            char c = text.charAt(pos);
            if (c != '\t' && (c < 0x20 || c == 0x7f)) throw error("a comment may not contain " + describe(c));
            pos++;
        }
    }

    /** Skips spaces, a comment, and then requires a newline (consumed) or the end of the text. */
    void endOfLine(String after) {
        skipSpaces();
        skipComment();
        if (atEnd()) return;
        if (!atNewline()) throw error("expected a newline or end of file after " + after + ", found " + found());
        newline();
    }

    /** Skips whitespace, comments and newlines (inside an array). */
    void skipBlankLines() {
        while (true) {
            skipSpaces();
            skipComment();
            if (!atNewline()) return;
            newline();
        }
    }

    void expect(char c, String what) {
        if (peek() != c) throw error("expected " + what + ", found " + found());
        pos++;
    }

    LockfileException error(String detail) {
        return error(detail, line, column());
    }

    LockfileException error(String detail, int atLine, int atColumn) {
        return new LockfileException("TOML syntax error: " + detail, file, atLine, atColumn, null, null);
    }

    String found() {
        if (atEnd()) return "end of file";
        if (atNewline()) return "a newline";
        return describe(text.charAt(pos));
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    // ---- keys

    static boolean isBareKeyChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** One simple key: bare, or a single-line basic or literal string. */
    String simpleKey() {
        int c = peek();
        if (c == '"') {
            if (text.startsWith("\"\"\"", pos)) throw error("a key may not be a multi-line string");
            return basicString();
        }
        if (c == '\'') {
            if (text.startsWith("'''", pos)) throw error("a key may not be a multi-line string");
            return literalString();
        }
        int start = pos;
        while (isBareKeyChar(peek())) pos++;
        if (pos == start) throw error("expected a key, found " + found());
        return text.substring(start, pos);
    }

    // ---- strings

    /** A single-line basic string at the cursor (on its opening quote). */
    String basicString() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd() || atNewline() || peek() == '\r') throw error("unterminated string, found " + found());
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                escape(out);
            } else {
                plainChar(c, out);
            }
        }
    }

    /** A multi-line basic string at the cursor (on its opening three quotes). */
    String multiLineBasicString() {
        pos += 3;
        if (atNewline()) newline(); // a newline right after the opening delimiter is trimmed
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) throw error("unterminated multi-line string");
            char c = text.charAt(pos);
            if (c == '"') {
                if (closesMultiLine('"', out)) return out.toString();
            } else if (atNewline()) {
                out.append('\n');
                newline();
            } else if (c == '\\') {
                int back = pos++;
                skipSpaces();
                if (atNewline()) { // a line-ending backslash trims every whitespace and newline after it
                    while (atNewline() || peek() == ' ' || peek() == '\t') {
                        if (atNewline()) newline();
                        else pos++;
                    }
                } else {
                    pos = back;
                    escape(out);
                }
            } else {
                plainChar(c, out);
            }
        }
    }

    /** A single-line literal string at the cursor (on its opening quote). */
    String literalString() {
        pos++;
        int start = pos;
        while (true) {
            if (atEnd() || atNewline() || peek() == '\r') throw error("unterminated string, found " + found());
            char c = text.charAt(pos);
            if (c == '\'') {
                pos++;
                return text.substring(start, pos - 1);
            }
            plainChar(c, null);
        }
    }

    /** A multi-line literal string at the cursor (on its opening three quotes). */
    String multiLineLiteralString() {
        pos += 3;
        if (atNewline()) newline();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) throw error("unterminated multi-line string");
            char c = text.charAt(pos);
            if (c == '\'') {
                if (closesMultiLine('\'', out)) return out.toString();
            } else if (atNewline()) {
                out.append('\n');
                newline();
            } else {
                plainChar(c, out);
            }
        }
    }

    /**
     * At a quote inside a multi-line string: a run of fewer than three is content; a run of three to five closes the
     * string, the quotes before the last three being content (TOML allows one or two quotes next to the delimiter).
     */
    private boolean closesMultiLine(char quote, StringBuilder out) {
        int run = 0;
        while (pos + run < text.length() && text.charAt(pos + run) == quote) run++;
        if (run < 3) {
            for (int i = 0; i < run; i++) out.append(quote);
            pos += run;
            return false;
        }
        if (run > 5) {
            pos += 5;
            throw error("too many quotes at the end of a multi-line string");
        }
        for (int i = 0; i < run - 3; i++) out.append(quote);
        pos += run;
        return true;
    }

    /** A character that stands for itself in a string: anything but control characters other than tab. */
    private void plainChar(char c, StringBuilder out) {
        if (c != '\t' && (c < 0x20 || c == 0x7f)) throw error("a string may not contain " + describe(c));
        if (out != null) out.append(c);
        pos++;
    }

    private void escape(StringBuilder out) {
        int startLine = line;
        int startColumn = column();
        pos++;
        int c = peek();
        pos++;
        switch (c) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                int code = 0;
                for (int i = 0; i < digits; i++) {
                    int d = pos < text.length() && text.charAt(pos) < 0x80 ? Character.digit(text.charAt(pos), 16) : -1;
                    if (d < 0)
                        throw error("expected " + digits + " hex digits in a unicode escape", startLine, startColumn);
                    code = code * 16 + d;
                    pos++;
                }
                if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                    throw error("the unicode escape is not a Unicode scalar value", startLine, startColumn);
                }
                out.appendCodePoint(code);
            }
            default -> {
                pos--;
                throw error("invalid escape \\" + (c < 0 ? "" : found()), startLine, startColumn);
            }
        }
    }
}
