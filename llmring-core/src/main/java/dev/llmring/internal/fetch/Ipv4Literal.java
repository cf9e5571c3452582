package dev.llmring.internal.fetch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The WHATWG URL standard's IPv4 rules: a host "ends in a number" when its last label (after dropping one trailing
 * dot) is all decimal digits or a {@code 0x} hex number; such a host must parse as IPv4 or is refused. Each of one to
 * four parts is decimal, octal (leading {@code 0}) or hex ({@code 0x}); the last part fills the remaining bytes, so
 * {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 127.1} are all {@code 127.0.0.1}.
 */
final class Ipv4Literal {
    private Ipv4Literal() {}

    static boolean endsInNumber(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty()) return false;
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) return true;
        return parseNumber(last) != null;
    }

    /** @throws IllegalArgumentException when the host is not an IPv4 address in any WHATWG spelling */
    static byte[] parse(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty() || parts.size() > 4) throw new IllegalArgumentException("not an IPv4 address");
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < numbers.length; i++) {
            BigInteger n = parseNumber(parts.get(i));
            if (n == null) throw new IllegalArgumentException("not an IPv4 address (bad number)");
            if (n.bitLength() > 32) throw new IllegalArgumentException("IPv4 number out of range");
            numbers[i] = n.longValue();
        }
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) throw new IllegalArgumentException("IPv4 part out of range");
        }
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) throw new IllegalArgumentException("IPv4 part out of range");
        long value = last;
        for (int i = 0; i < numbers.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static String format(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    /** The dot-separated parts, one trailing empty part dropped (when there are others). */
    private static List<String> parts(String host) {
        List<String> parts = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) parts.remove(parts.size() - 1);
        return parts;
    }

    /** One part as a number, or null when it is not one; {@code 0x} alone is 0, as in the standard. */
    private static @Nullable BigInteger parseNumber(String part) {
        if (part.isEmpty()) return null;
        String digits = part;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
            radix = 16;
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            digits = digits.substring(1);
            radix = 8;
        }
        if (digits.isEmpty()) return BigInteger.ZERO;
        if (digits.length() > 64) return null;
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7f) return null;
        }
        return new BigInteger(digits, radix);
    }
}
