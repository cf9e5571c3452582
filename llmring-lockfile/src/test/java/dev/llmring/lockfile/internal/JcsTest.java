package dev.llmring.lockfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JcsTest {

    @Test
    void sortsMemberNamesByUtf16CodeUnits() {
        // RFC 8785 section 3.2.3 example: sorting by UTF-16 units puts U+1F600 (surrogates D83D DE00) before U+FB33.
        String json =
                "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                        + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                        + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, Jcs.canonicalize(json));
    }

    @Test
    void canonicalizesTheRfcStructureExample() {
        String json = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
                + "              2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, Jcs.canonicalize(json));
    }

    @Test
    void escapesOnlyWhatTheRfcEscapes() {
        String all = "\b\t\n\f\r\"\\/\u0000\u001f\u007f\u2028 é😀";
        assertEquals("\"\\b\\t\\n\\f\\r\\\"\\\\/\\u0000\\u001f\u007f\u2028 é😀\"", Jcs.canonicalizeValue(all));
    }

    @Test
    void writesControlCharactersAsLowercaseHexEscapes() {
        assertEquals("\"\\u000b\\u001a\\u001e\"", Jcs.canonicalizeValue("\u000b\u001a\u001e"));
    }

    @Test
    void removesWhitespaceAndKeepsArrayOrder() {
        assertEquals("[3,1,{\"a\":[]},{}]", Jcs.canonicalize(" [ 3 , 1 , { \"a\" : [ ] } , { } ] "));
    }

    @Test
    void writesNegativeZeroAsZero() {
        assertEquals("[0,0]", Jcs.canonicalize("[-0, -0.0]"));
    }

    @Test
    void readsLargeIntegerLiteralsAsDoubles() {
        assertEquals("[1e+23,9007199254740992]", Jcs.canonicalize("[100000000000000000000000, 9007199254740993]"));
    }

    @Test
    void rejectsDuplicateMemberNames() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Jcs.canonicalize("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}"));
        assertTrue(e.getMessage().contains("c"), e.getMessage());
    }

    @Test
    void rejectsLoneSurrogateEscapes() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("[\"\\ud800\"]"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("[\"\\udc00x\"]"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("{\"\\ud83d\":1}"));
    }

    @Test
    void rejectsLoneSurrogatesInJavaStrings() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue("a\ud800"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(Map.of("\udc00", 1)));
    }

    @Test
    void rejectsNaNAndInfinityTokens() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("[NaN]"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("[Infinity]"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("[-Infinity]"));
    }

    @Test
    void rejectsNumbersBeyondTheDoubleRange() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("[1e400]"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(new BigDecimal("1e400")));
    }

    @Test
    void rejectsMalformedJson() {
        for (String bad : List.of("", "{", "[1,]", "{'a':1}", "[1] [2]", "01", "{\"a\" 1}", "\"\u0001\"")) {
            assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(bad), bad);
        }
    }

    @Test
    void canonicalizesPlainJavaValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1, 2L, (short) 3, (byte) 4, 5.5, new BigDecimal("0.10"), BigInteger.TEN));
        map.put("a", null);
        map.put("m", Map.of("y", true, "x", false));
        assertEquals(
                "{\"a\":null,\"m\":{\"x\":false,\"y\":true},\"z\":[1,2,3,4,5.5,0.1,10]}", Jcs.canonicalizeValue(map));
    }

    @Test
    void widensFloatsExactly() {
        assertEquals("0.10000000149011612", Jcs.canonicalizeValue(0.1f));
    }

    @Test
    void rejectsIntegersNotExactlyRepresentableAsDoubles() {
        assertEquals("9007199254740992", Jcs.canonicalizeValue(1L << 53));
        assertEquals("-9223372036854776000", Jcs.canonicalizeValue(Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue((1L << 53) + 1));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(Long.MAX_VALUE));
        assertThrows(
                IllegalArgumentException.class,
                () -> Jcs.canonicalizeValue(BigInteger.TWO.pow(53).add(BigInteger.ONE)));
    }

    @Test
    void rejectsNonStringMemberNames() {
        Map<Object, Object> map = new HashMap<>();
        map.put(1, "one");
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(map));
    }

    @Test
    void rejectsUnsupportedTypes() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(new Object()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Jcs.canonicalizeValue(new java.util.concurrent.atomic.AtomicLong()));
    }

    @Test
    void rejectsCyclicValues() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalizeValue(cyclic));
    }

    @Test
    void isIdempotent() {
        String once = Jcs.canonicalize("{\"b\":[1.0,2e0,{\"d\":\"\\u00e9\",\"c\":null}],\"a\":1e21}");
        assertEquals(once, Jcs.canonicalize(once));
    }

    @Test
    void randomDoublesSurviveCanonicalizeAndParseBack() {
        SplittableRandom random = new SplittableRandom(42);
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) {
            double value;
            do {
                value = Double.longBitsToDouble(random.nextLong());
            } while (Double.isNaN(value) || Double.isInfinite(value));
            values[i] = value == 0 ? 0.0 : value;
        }
        List<Double> list = Arrays.stream(values).boxed().collect(java.util.stream.Collectors.toList());
        String canonical = Jcs.canonicalizeValue(list);
        String[] parts = canonical.substring(1, canonical.length() - 1).split(",");
        assertEquals(values.length, parts.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], Double.parseDouble(parts[i]), parts[i]);
        }
        assertEquals(canonical, Jcs.canonicalize(canonical));
    }
}
