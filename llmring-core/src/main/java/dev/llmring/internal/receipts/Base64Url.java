package dev.llmring.internal.receipts;

import java.util.Base64;

/**
 * Strict base64url (RFC 4648 section 5). Decoding accepts only the URL-safe alphabet, unpadded or with exactly the
 * right padding, and refuses everything a lenient decoder would let through: the standard alphabet's {@code +} and
 * {@code /}, whitespace and line breaks, a length that leaves one lone character, and non-canonical encodings whose
 * unused trailing bits are not zero (two texts for the same bytes would let a signature be re-spelled).
 */
public final class Base64Url {
    private Base64Url() {}

    /**
     * Decodes {@code text}.
     *
     * @throws IllegalArgumentException naming the first problem; the message never repeats the input
     */
    public static byte[] decode(String text) {
        String body = stripPadding(text);
        for (int i = 0; i < body.length(); i++) {
            if (!isAlphabet(body.charAt(i))) {
                throw new IllegalArgumentException(
                        "not base64url: character " + describe(body.charAt(i)) + " at index " + i);
            }
        }
        int rest = body.length() % 4;
        if (rest == 1) {
            throw new IllegalArgumentException("not base64url: length " + body.length() + " leaves a lone character");
        }
        if (rest != 0) {
            int last = value(body.charAt(body.length() - 1));
            int unusedBits = rest == 2 ? 4 : 2;
            if ((last & ((1 << unusedBits) - 1)) != 0) {
                throw new IllegalArgumentException("not canonical base64url: the unused trailing bits are not zero");
            }
        }
        return Base64.getUrlDecoder().decode(body);
    }

    /** Encodes without padding. */
    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        int padding = text.length() - end;
        if (padding > 0) {
            if (padding > 2 || text.length() % 4 != 0 || (end % 4) + padding != 4) {
                throw new IllegalArgumentException("not base64url: wrong padding");
            }
        }
        return text.substring(0, end);
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '-' ? 62 : 63;
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
