package dev.llmring.lockfile.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON Canonicalization Scheme, RFC 8785.
 *
 * <p>Output rules: no whitespace; object members sorted by their names compared as sequences of UTF-16 code units
 * ({@link String#compareTo}); numbers as IEEE 754 doubles written by ECMAScript {@code Number::toString}
 * ({@code -0} becomes {@code 0}); strings escaped with {@code \b \t \n \f \r \" \\}, every other control character
 * below U+0020 as {@code \}{@code u00xx} in lowercase hex, everything else (including {@code /}, U+007F and
 * non-ASCII) literal. The caller encodes the result as UTF-8.
 *
 * <p>Rejected with {@link IllegalArgumentException}: duplicate member names, lone surrogates (in names or strings),
 * NaN and infinities (including number literals too large for a double), and anything that is not one JSON text.
 *
 * <p>Thread-safe: all methods are stateless.
 */
public final class Jcs {
    private static final int MAX_DEPTH = 1000;
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private Jcs() {}

    /**
     * Canonical form of a JSON text.
     *
     * @param json one JSON value (object, array, string, number, literal), surrounding whitespace allowed
     * @return the RFC 8785 canonical form
     * @throws IllegalArgumentException if the text is not valid JSON, has a duplicate member name, a lone surrogate,
     *     or a number outside the double range
     */
    public static String canonicalize(String json) {
        if (json == null) {
            throw new NullPointerException("json");
        }
        return canonicalizeValue(JsonValues.parse(json));
    }

    /**
     * Canonical form of plain Java values.
     *
     * <p>Accepted: {@code Map} with {@code String} keys, {@code List} (and any other {@code Collection}, in its
     * iteration order), {@code String}, {@code Boolean}, {@code null}, and numbers: {@code Double}, {@code Float}
     * (widened exactly), {@code Byte}, {@code Short}, {@code Integer}, {@code Long} and {@code BigInteger} (each
     * must be exactly representable as a double, that is at most 2^53 in magnitude or otherwise exact), and
     * {@code BigDecimal} (rounded to the nearest double, as a JSON parser would round the same literal).
     *
     * @param value the value to write
     * @return the RFC 8785 canonical form
     * @throws IllegalArgumentException for any other type, a non-{@code String} or {@code null} map key, a lone
     *     surrogate, a non-finite or inexact number, or nesting deeper than 1000 levels (for example a cycle)
     */
    public static String canonicalizeValue(@Nullable Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    /**
     * ECMAScript {@code Number::toString} of a finite double: the shortest decimal that reads back as the same
     * double, in plain notation for magnitudes in [1e-6, 1e21) and exponent notation ({@code 1e+21},
     * {@code 1e-7}) outside it. {@code -0} gives {@code "0"}.
     *
     * @param value a finite double
     * @return its RFC 8785 form
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static String formatNumber(double value) {
        return EcmaNumber.format(value);
    }

    private static void write(@Nullable Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString((String) value, out);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue() ? "true" : "false");
        } else if (value instanceof Number) {
            out.append(EcmaNumber.format(toDouble((Number) value)));
        } else if (value instanceof Map) {
            writeObject((Map<?, ?>) value, out, depth);
        } else if (value instanceof Collection) {
            out.append('[');
            boolean first = true;
            for (Object element : (Collection<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out, depth + 1);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "Not a JSON value type: " + value.getClass().getName());
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, int depth) {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("JSON object member names must be strings, got "
                        + (key == null ? "null" : key.getClass().getName()));
            }
            names.add((String) key);
        }
        names.sort(null); // String.compareTo: UTF-16 code unit order, as RFC 8785 section 3.2.3 requires
        out.append('{');
        boolean first = true;
        for (String name : names) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(name, out);
            out.append(':');
            write(map.get(name), out, depth + 1);
        }
        out.append('}');
    }

    static double toDouble(Number number) {
        if (number instanceof Double || number instanceof Float) {
            return number.doubleValue();
        }
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.intValue();
        }
        if (number instanceof Long) {
            long l = number.longValue();
            if (l > MAX_EXACT_INTEGER || l < -MAX_EXACT_INTEGER) {
                requireExact(l == (long) (double) l && l != Long.MAX_VALUE, number);
            }
            return (double) l;
        }
        if (number instanceof BigInteger) {
            BigInteger big = (BigInteger) number;
            double d = big.doubleValue();
            requireExact(
                    !Double.isInfinite(d)
                            && new BigDecimal(d).toBigIntegerExact().equals(big),
                    number);
            return d;
        }
        if (number instanceof BigDecimal) {
            double d = number.doubleValue();
            if (Double.isInfinite(d)) {
                throw new IllegalArgumentException("Number outside the double range: " + number);
            }
            return d;
        }
        throw new IllegalArgumentException(
                "Not a JSON number type: " + number.getClass().getName());
    }

    private static void requireExact(boolean exact, Number number) {
        if (!exact) {
            throw new IllegalArgumentException("Integer not exactly representable as an IEEE 754 double: " + number);
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw loneSurrogate(i);
                }
                out.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                throw loneSurrogate(i);
            }
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static IllegalArgumentException loneSurrogate(int index) {
        return new IllegalArgumentException("Lone surrogate in a JSON string at UTF-16 index " + index);
    }
}
