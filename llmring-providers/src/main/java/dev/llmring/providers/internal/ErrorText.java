package dev.llmring.providers.internal;

import java.util.Locale;

/**
 * Bounded, linear scans of the text of provider errors. The text is the provider's (or a hostile server's) and may
 * be megabytes long, so the classifiers never run a regular expression over it: they look at a lower-cased prefix
 * of at most {@link #SCAN_LIMIT} characters with {@code indexOf}, and cut messages while copying them.
 */
public final class ErrorText {
    /** How many characters of a message the classifiers read; the phrases they look for come early in a message. */
    public static final int SCAN_LIMIT = 8192;

    private ErrorText() {}

    /**
     * The first {@link #SCAN_LIMIT} characters of {@code text}, lower-cased.
     *
     * @param text an error's text, any length
     * @return at most {@link #SCAN_LIMIT} characters, lower-cased in the root locale
     */
    public static String lowerPrefix(String text) {
        return (text.length() <= SCAN_LIMIT ? text : text.substring(0, SCAN_LIMIT)).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code lowered} contains any of {@code needles} (give them in lower case).
     *
     * @param lowered text from {@link #lowerPrefix(String)}
     * @param needles phrases in lower case
     * @return {@code true} when one of them occurs anywhere, even inside a word
     */
    public static boolean containsAny(String lowered, String... needles) {
        for (String needle : needles) {
            if (lowered.contains(needle)) return true;
        }
        return false;
    }

    /**
     * The end of the first whole-word occurrence of {@code word} at or after {@code from}.
     *
     * @param lowered text from {@link #lowerPrefix(String)}
     * @param word a word (or phrase) in lower case
     * @param from the index to search from
     * @return the index just past the occurrence, or -1 when there is none
     */
    public static int wordEnd(String lowered, String word, int from) {
        for (int at = lowered.indexOf(word, from); at >= 0; at = lowered.indexOf(word, at + 1)) {
            int end = at + word.length();
            if (!isWordChar(lowered, at - 1) && !isWordChar(lowered, end)) return end;
        }
        return -1;
    }

    /**
     * Whether {@code first} and later {@code second} occur in {@code lowered}, each as whole words.
     *
     * @param lowered text from {@link #lowerPrefix(String)}
     * @param first the word that must come first, in lower case
     * @param second the word that must follow it, in lower case
     * @return {@code true} when both occur in that order
     */
    public static boolean wordsInOrder(String lowered, String first, String second) {
        int end = wordEnd(lowered, first, 0);
        return end >= 0 && wordEnd(lowered, second, end) >= 0;
    }

    /**
     * The message on one line: runs of whitespace become one space, ends are trimmed, and the result is cut after
     * {@code max} characters with an ellipsis. Reads no further than needed.
     *
     * @param message the text, any length
     * @param max the most characters to keep before the ellipsis
     * @return the message on one line
     */
    public static String oneLine(String message, int max) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (isSpace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) out.append(' ');
            space = false;
            out.append(c);
            if (out.length() > max) return out.substring(0, max) + "…";
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isWordChar(String s, int i) {
        if (i < 0 || i >= s.length()) return false;
        char c = s.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
