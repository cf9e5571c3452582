package dev.llmring.lockfile.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number::toString} for finite doubles (ECMA-262 section 6.1.6.1.20), the number rule of RFC 8785.
 *
 * <p>Java 17's {@code Double.toString} is not always the shortest round-tripping form, so the digits are found
 * here directly: for each precision p from 1 to 17, the two p-digit decimals that bracket the exact binary value
 * (rounded down and up) are tried; the first precision at which one of them parses back to the same double wins.
 * If both do, the one closer to the exact value is taken, and on a tie the one with the even last digit, as the
 * ECMAScript rule says. The digits are then laid out with the ECMAScript thresholds (plain notation for decimal
 * exponents in [-6, 21), otherwise {@code d.ddde+x} / {@code d.ddde-x}).
 */
final class EcmaNumber {
    private EcmaNumber() {}

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON cannot represent the number " + value);
        }
        if (value == 0) {
            return "0"; // both +0 and -0
        }
        if (value < 0) {
            return "-" + format(-value);
        }
        BigDecimal shortest = shortestDigits(value).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits * 10^n
        return layout(digits, k, n);
    }

    private static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == value;
            boolean upOk = up.doubleValue() == value;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp < 0) {
                    return down;
                }
                if (cmp > 0) {
                    return up;
                }
                return lastDigitEven(down) ? down : up;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        // Unreachable: 17 significant digits always round-trip a double.
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static boolean lastDigitEven(BigDecimal decimal) {
        return !decimal.unscaledValue().testBit(0);
    }

    private static String layout(String digits, int k, int n) {
        StringBuilder out = new StringBuilder(k + 8);
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }
}
