package dev.llmring.internal.fetch;

/**
 * The WHATWG URL standard's IPv6 parser (the text between the brackets): up to eight hex pieces of one to four digits,
 * at most one {@code ::}, and an optional trailing dotted IPv4 part in strict decimal (no leading zeros). No zone ids.
 */
final class Ipv6Literal {
    private Ipv6Literal() {}

    /** @throws IllegalArgumentException when the text is not an IPv6 address */
    static byte[] parse(String s) {
        int[] pieces = new int[8];
        int piece = 0;
        int compress = -1;
        int p = 0;
        int n = s.length();
        if (n > 0 && s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') throw bad();
            p = 2;
            piece = 1;
            compress = 1;
        }
        while (p < n) {
            if (piece == 8) throw bad();
            if (s.charAt(p) == ':') {
                if (compress >= 0) throw bad();
                p++;
                piece++;
                compress = piece;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && p < n && hex(s.charAt(p)) >= 0) {
                value = value * 16 + hex(s.charAt(p));
                p++;
                length++;
            }
            if (p < n && s.charAt(p) == '.') {
                if (length == 0 || piece > 6) throw bad();
                p -= length;
                int seen = 0;
                while (p < n) {
                    if (seen > 0) {
                        if (s.charAt(p) == '.' && seen < 4) p++;
                        else throw bad();
                    }
                    if (p >= n || !decimal(s.charAt(p))) throw bad();
                    int part = -1;
                    while (p < n && decimal(s.charAt(p))) {
                        int digit = s.charAt(p) - '0';
                        if (part == 0) throw bad();
                        part = part < 0 ? digit : part * 10 + digit;
                        if (part > 255) throw bad();
                        p++;
                    }
                    pieces[piece] = pieces[piece] * 0x100 + part;
                    seen++;
                    if (seen == 2 || seen == 4) piece++;
                }
                if (seen != 4) throw bad();
                break;
            } else if (p < n && s.charAt(p) == ':') {
                p++;
                if (p >= n) throw bad();
            } else if (p < n) {
                throw bad();
            }
            pieces[piece] = value;
            piece++;
        }
        if (compress >= 0) {
            int swaps = piece - compress;
            piece = 7;
            while (piece != 0 && swaps > 0) {
                int tmp = pieces[piece];
                pieces[piece] = pieces[compress + swaps - 1];
                pieces[compress + swaps - 1] = tmp;
                piece--;
                swaps--;
            }
        } else if (piece != 8) {
            throw bad();
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (pieces[i] >>> 8);
            out[2 * i + 1] = (byte) pieces[i];
        }
        return out;
    }

    /** Lower-case hex pieces with the first longest run of two or more zero pieces written {@code ::}. */
    static String format(byte[] v6) {
        int[] pieces = new int[8];
        for (int i = 0; i < 8; i++) pieces[i] = ((v6[2 * i] & 0xff) << 8) | (v6[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && pieces[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            sb.append(Integer.toHexString(pieces[i]));
            if (i < 7) sb.append(':');
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static boolean decimal(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException bad() {
        return new IllegalArgumentException("not an IPv6 address");
    }
}
