package dev.llmring.lockfile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The cursor over TOML 1.0 text and its lexical forms: whitespace, comments, newlines, keys, the four kinds of
 * string, integers, floats, booleans and date-times. Every scan is a single forward pass (no regular expressions, no
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

    // ---- booleans, numbers and date-times

    /** A value that is neither string, array nor inline table, as a scalar node at the given place. */
    Node scalar(int atLine, int atColumn) {
        int start = pos;
        while (isTokenChar(peek())) pos++;
        if (pos - start == 10 && peek() == ' ' && isTime(pos + 1)) { // "1979-05-27 07:32:00": space for T
            pos++;
            while (isTokenChar(peek())) pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) throw error("expected a value, found " + found());
        int col = start - lineStart + 1;
        if (token.equals("true") || token.equals("false")) {
            return Node.scalar(Node.Kind.BOOLEAN, Boolean.valueOf(token), atLine, atColumn);
        }
        if (isDigits(token, 0, 4) && token.length() > 4 && token.charAt(4) == '-'
                || isDigits(token, 0, 2) && token.length() > 2 && token.charAt(2) == ':') {
            return Node.scalar(Node.Kind.DATETIME, dateTime(token, col), atLine, atColumn);
        }
        return number(token, col, atLine, atColumn);
    }

    private static boolean isTokenChar(int c) {
        return isBareKeyChar(c) || c == '+' || c == '.' || c == ':';
    }

    private boolean isTime(int at) {
        return at + 2 < text.length() && isDigits(text, at, at + 2) && text.charAt(at + 2) == ':';
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to > s.length()) return false;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    private Object dateTime(String token, int col) {
        try {
            int i = 0;
            LocalDate date = null;
            if (token.length() > 4 && token.charAt(4) == '-') {
                if (token.length() < 10
                        || !isDigits(token, 5, 7)
                        || token.charAt(7) != '-'
                        || !isDigits(token, 8, 10)) {
                    throw badDateTime(token, col);
                }
                date = LocalDate.of(num(token, 0, 4), num(token, 5, 7), num(token, 8, 10));
                if (token.length() == 10) return date;
                char t = token.charAt(10);
                if (t != 'T' && t != 't' && t != ' ') throw badDateTime(token, col);
                i = 11;
            }
            if (token.length() < i + 8
                    || !isDigits(token, i, i + 2)
                    || token.charAt(i + 2) != ':'
                    || !isDigits(token, i + 3, i + 5)
                    || token.charAt(i + 5) != ':'
                    || !isDigits(token, i + 6, i + 8)) {
                throw badDateTime(token, col);
            }
            int hour = num(token, i, i + 2);
            int minute = num(token, i + 3, i + 5);
            int second = num(token, i + 6, i + 8);
            i += 8;
            int nanos = 0;
            if (i < token.length() && token.charAt(i) == '.') {
                int from = ++i;
                while (i < token.length() && token.charAt(i) >= '0' && token.charAt(i) <= '9') i++;
                if (i == from) throw badDateTime(token, col);
                for (int k = 0; k < 9; k++) {
                    nanos = nanos * 10 + (from + k < i ? token.charAt(from + k) - '0' : 0); // beyond 9 digits: cut
                }
            }
            LocalTime time = LocalTime.of(hour, minute, second, nanos);
            if (i == token.length()) return date == null ? time : LocalDateTime.of(date, time);
            if (date == null) throw badDateTime(token, col); // a time of day has no offset
            ZoneOffset offset;
            char o = token.charAt(i);
            if ((o == 'Z' || o == 'z') && i + 1 == token.length()) {
                offset = ZoneOffset.UTC;
            } else if ((o == '+' || o == '-')
                    && token.length() == i + 6
                    && isDigits(token, i + 1, i + 3)
                    && token.charAt(i + 3) == ':'
                    && isDigits(token, i + 4, i + 6)) {
                int h = num(token, i + 1, i + 3);
                int m = num(token, i + 4, i + 6);
                if (m > 59) throw badDateTime(token, col);
                offset = ZoneOffset.ofHoursMinutes(o == '-' ? -h : h, o == '-' ? -m : m);
            } else {
                throw badDateTime(token, col);
            }
            return OffsetDateTime.of(date, time, offset);
        } catch (DateTimeException e) {
            throw error("invalid date-time '" + token + "' (" + e.getMessage() + ")", line, col);
        }
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private LockfileException badDateTime(String token, int col) {
        return error("invalid date-time '" + token + "'", line, col);
    }

    private Node number(String token, int col, int atLine, int atColumn) {
        int i = 0;
        boolean negative = false;
        if (token.charAt(0) == '+' || token.charAt(0) == '-') {
            negative = token.charAt(0) == '-';
            i = 1;
        }
        String rest = token.substring(i);
        if (rest.equals("inf") || rest.equals("nan")) {
            double d = rest.equals("nan") ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return Node.scalar(Node.Kind.FLOAT, d, atLine, atColumn);
        }
        if (i == 0 && token.length() > 2 && token.charAt(0) == '0' && "xob".indexOf(token.charAt(1)) >= 0) {
            int radix = token.charAt(1) == 'x' ? 16 : token.charAt(1) == 'o' ? 8 : 2;
            StringBuilder digits = new StringBuilder();
            if (digitRun(token, 2, radix, digits) != token.length()) throw badNumber(token, col);
            return Node.scalar(Node.Kind.INTEGER, parseLong(digits.toString(), radix, token, col), atLine, atColumn);
        }
        StringBuilder clean = new StringBuilder(negative ? "-" : "");
        int intStart = i;
        i = digitRun(token, i, 10, clean);
        if (i == intStart || (token.charAt(intStart) == '0' && i - intStart > 1)) throw badNumber(token, col);
        boolean isFloat = false;
        if (i < token.length() && token.charAt(i) == '.') {
            clean.append('.');
            int from = i + 1;
            i = digitRun(token, from, 10, clean);
            if (i == from) throw badNumber(token, col);
            isFloat = true;
        }
        if (i < token.length() && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
            clean.append('e');
            i++;
            if (i < token.length() && (token.charAt(i) == '+' || token.charAt(i) == '-'))
                clean.append(token.charAt(i++));
            int from = i;
            i = digitRun(token, from, 10, clean);
            if (i == from) throw badNumber(token, col);
            isFloat = true;
        }
        if (i != token.length()) throw badNumber(token, col);
        if (isFloat) {
            double d = Double.parseDouble(clean.toString());
            if (Double.isInfinite(d)) throw error("float '" + token + "' is too large", line, col);
            if (d == 0 && nonZero(clean)) throw error("float '" + token + "' is too small", line, col);
            return Node.scalar(Node.Kind.FLOAT, d, atLine, atColumn);
        }
        return Node.scalar(Node.Kind.INTEGER, parseLong(clean.toString(), 10, token, col), atLine, atColumn);
    }

    /** Whether the digits before the exponent are not all zero. */
    private static boolean nonZero(CharSequence number) {
        for (int i = 0; i < number.length() && number.charAt(i) != 'e'; i++) {
            if (number.charAt(i) >= '1' && number.charAt(i) <= '9') return true;
        }
        return false;
    }

    /** Digits of the radix from {@code from}, each underscore between two digits; returns where the run ends. */
    private static int digitRun(String token, int from, int radix, StringBuilder out) {
        int i = from;
        while (i < token.length()) {
            char c = token.charAt(i);
            if (Character.digit(c, radix) >= 0 && c < 0x80) {
                out.append(c);
                i++;
            } else if (c == '_'
                    && i > from
                    && i + 1 < token.length()
                    && Character.digit(token.charAt(i + 1), radix) >= 0
                    && token.charAt(i + 1) < 0x80) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private long parseLong(String digits, int radix, String token, int col) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw error("integer '" + token + "' does not fit in 64 bits", line, col);
        }
    }

    private LockfileException badNumber(String token, int col) {
        return error("invalid value '" + token + "'", line, col);
    }
}
