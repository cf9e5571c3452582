package dev.llmring.lockfile;

/**
 * The bound on how deeply a lockfile may nest arrays and tables, checked before a recursive parser sees the text:
 * the TOML parser recurses once per {@code [} or <code>{</code> (and checks the bound again as it does), and the
 * tree walks after it recurse too. A real lockfile nests five or six levels.
 *
 * <p>The TOML check is one linear pass that knows enough TOML to skip comments and the four kinds of string (basic,
 * literal, and their multi-line forms), so brackets inside them do not count; table headers count as the brackets
 * they are written with.
 */
final class Nesting {
    /** The deepest nesting of arrays and tables a lockfile may have, in either format. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private final String file;
    private int i;
    private int line = 1;
    private int lineStart;

    private Nesting(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** @throws LockfileException at the first bracket that nests deeper than {@link #MAX_DEPTH} */
    static void checkToml(String text, String file) {
        new Nesting(text, file).scan();
    }

    static LockfileException tooDeep(String file, int line, int column) {
        return new LockfileException(
                "arrays and tables nest deeper than " + MAX_DEPTH + " levels", file, line, column, null, null);
    }

    private void scan() {
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                skipComment();
            } else if (c == '"' || c == '\'') {
                skipString(c);
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) throw tooDeep(file, line, i - lineStart + 1);
                i++;
            } else if (c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
                i++;
            } else {
                advance();
            }
        }
    }

    /** Moves past one character, counting lines. */
    private void advance() {
        if (text.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
        }
        i++;
    }

    private void skipComment() {
        while (i < text.length() && text.charAt(i) != '\n') i++;
    }

    /** Skips a string that starts at {@code i} with {@code quote}; an unterminated one ends at its line's end. */
    private void skipString(char quote) {
        boolean multiLine = text.startsWith(String.valueOf(quote).repeat(3), i);
        boolean escapes = quote == '"';
        i += multiLine ? 3 : 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (escapes && c == '\\' && i + 1 < text.length()) {
                i++;
                advance();
            } else if (c == quote
                    && (!multiLine || text.startsWith(String.valueOf(quote).repeat(3), i))) {
                i += multiLine ? 3 : 1;
                for (int extra = 0; multiLine && extra < 2 && i < text.length() && text.charAt(i) == quote; extra++) {
                    i++; // a multi-line string may end with up to two quotes of its own before the closing three
                }
                return;
            } else if (c == '\n' && !multiLine) {
                return;
            } else {
                advance();
            }
        }
    }
}
