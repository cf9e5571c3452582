package dev.llmring.providers.google;

import dev.llmring.providers.internal.ErrorText;
import org.jspecify.annotations.Nullable;

/**
 * Picks single fields out of JSON text that no longer parses (an error body the core cut to a few KiB), by a linear
 * scan: the first {@code "name"} followed by a colon, then a string or a run of digits. A string cut before its
 * closing quote yields what was there. Never a regular expression: the text is the provider's and may be huge.
 */
final class LenientFields {
    /** Longest string value returned; the classifiers read no more of a message than this. */
    private static final int MAX_VALUE = ErrorText.SCAN_LIMIT;

    private LenientFields() {}

    /** The decoded string value of the first field {@code name}, possibly cut short, or null. */
    static @Nullable String string(String body, String name) {
        int at = valueStart(body, name);
        if (at < 0 || body.charAt(at) != '"') return null;
        StringBuilder out = new StringBuilder();
        for (int i = at + 1; i < body.length() && out.length() < MAX_VALUE; i++) {
            char c = body.charAt(i);
            if (c == '"') break;
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < body.length()) {
                char e = body.charAt(++i);
                out.append(
                        switch (e) {
                            case 'n', 'r', 't', 'b', 'f' -> ' ';
                            case 'u' -> ' '; // an escaped code point does not matter to the classifiers
                            default -> e;
                        });
                if (e == 'u') i = Math.min(i + 4, body.length() - 1);
            }
        }
        return out.toString();
    }

    /** The run of up to {@code maxDigits} digits that is the value of the first field {@code name}, or null. */
    static @Nullable String digits(String body, String name, int maxDigits) {
        int at = valueStart(body, name);
        if (at < 0) return null;
        int end = at;
        while (end < body.length() && end - at < maxDigits && isDigit(body.charAt(end))) end++;
        boolean whole = end == body.length() || !Character.isLetterOrDigit(body.charAt(end));
        return end > at && whole ? body.substring(at, end) : null;
    }

    /** The index of the first character of the value of the first field {@code name} that has one, or -1. */
    private static int valueStart(String body, String name) {
        String quoted = '"' + name + '"';
        for (int at = body.indexOf(quoted); at >= 0; at = body.indexOf(quoted, at + 1)) {
            int i = skipSpace(body, at + quoted.length());
            if (i < body.length() && body.charAt(i) == ':') {
                i = skipSpace(body, i + 1);
                if (i < body.length()) return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length()
                && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }
}
