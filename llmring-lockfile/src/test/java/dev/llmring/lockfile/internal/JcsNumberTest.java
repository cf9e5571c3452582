package dev.llmring.lockfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcsNumberTest {

    /** RFC 8785 appendix B, given as IEEE 754 bit patterns. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void formatsRfc8785AppendixBValues(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertEquals(expected, Jcs.formatNumber(value));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, 1",
        "-1, -1",
        "1.5, 1.5",
        "100, 100",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.5e21, 1.5e+21",
        "123456789012345680000, 123456789012345680000",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "1.25e-7, 1.25e-7",
        "0.1, 0.1",
        "0.30000000000000004, 0.30000000000000004",
        "1e23, 1e+23",
        "1e22, 1e+22",
        "2e-323, 2e-323",
        "4.9e-324, 5e-324",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "9007199254740993, 9007199254740992",
        "0.05, 0.05",
        "100000, 100000",
        "-0.0, 0",
        "123.456, 123.456",
        "5e-7, 5e-7",
        "1.0E-6, 0.000001",
    })
    void formatsLikeEcmaScriptNumberToString(double value, String expected) {
        assertEquals(expected, Jcs.formatNumber(value));
    }

    @Test
    void formatsSumOfPointOneAndPointTwo() {
        assertEquals("0.30000000000000004", Jcs.formatNumber(0.1 + 0.2));
    }

    @Test
    void picksShortestDigitsWhereJava17DoubleToStringPrintsMore() {
        // Java 17 prints 6.2677765802476752E16 and 2.3108865077560848E16: one digit more than needed.
        assertEquals("62677765802476750", Jcs.formatNumber(6.2677765802476752E16));
        assertEquals("23108865077560850", Jcs.formatNumber(2.3108865077560848E16));
    }

    @Test
    void matchesV8OnThreeThousandReferenceDoubles() throws IOException {
        try (InputStream in = JcsNumberTest.class.getResourceAsStream("/jcs/ecmascript-numbers.txt")) {
            assertNotNull(in, "reference table");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .collect(Collectors.toList());
            assertEquals(3000, lines.size());
            for (String line : lines) {
                String[] parts = line.split(" ");
                double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                assertEquals(parts[1], Jcs.formatNumber(value), parts[0]);
            }
        }
    }

    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.formatNumber(Double.NaN));
    }

    @Test
    void rejectsInfinities() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.formatNumber(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Jcs.formatNumber(Double.NEGATIVE_INFINITY));
    }

    @Test
    void randomDoublesReadBackAsTheSameDouble() {
        SplittableRandom random = new SplittableRandom(8785);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = Jcs.formatNumber(value);
            double back = Double.parseDouble(text);
            if (value == 0) {
                assertEquals(0.0, back);
            } else {
                assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(back), text);
            }
        }
    }

    @Test
    void randomDoublesUseNoMoreDigitsThanJavaDoubleToString() {
        SplittableRandom random = new SplittableRandom(20);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
            if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
                continue;
            }
            assertTrue(
                    significantDigits(Jcs.formatNumber(value)) <= significantDigits(Double.toString(value)),
                    () -> value + " " + Jcs.formatNumber(value));
        }
    }

    private static int significantDigits(String text) {
        String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, mantissa.length());
    }
}
