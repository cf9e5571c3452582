package dev.llmring.internal.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTreeTest {
    @Test
    void keepsNumbersAsTheirExactLiteralValue() {
        Map<String, Object> tree = JsonTree.parseObject("{\"cost\": 0.000123, \"tokens\": 150}");

        assertEquals(new BigDecimal("0.000123"), tree.get("cost"));
        assertEquals(new BigDecimal("150"), tree.get("tokens"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0.000123        | 0.000123",
                "1.23e-4         | 0.000123",
                "0.0000001       | 1e-7",
                "0.000001        | 0.000001",
                "0.1             | 0.1",
                "0.30000000000000004 | 0.30000000000000004",
                "1.0             | 1",
                "100             | 100",
                "1e21            | 1e+21",
                "123456789012345678901 | 123456789012345680000",
                "-0.0            | 0",
                "0.00018000      | 0.00018",
                "2.5E-3          | 0.0025",
            })
    void canonicalisesCostsTheWayEcmaScriptPrintsThem(String literal, String canonical) {
        assertEquals(
                "{\"c\":" + canonical + "}", JsonTree.canonicalize(JsonTree.parseObject("{\"c\":" + literal + "}")));
    }

    @Test
    void canonicalFormMatchesJcsOfTheSameText() {
        String json = "{\"b\": [1, 2.50, \"\\u00e9\"], \"a\": {\"y\": null, \"x\": true}, \"c\": 1e-7}";

        assertEquals(dev.llmring.lockfile.internal.Jcs.canonicalize(json), JsonTree.canonicalize(JsonTree.parse(json)));
    }

    @Test
    void rejectsDuplicateMemberNames() {
        assertThrows(IllegalArgumentException.class, () -> JsonTree.parseObject("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void rejectsTrailingContent() {
        assertThrows(IllegalArgumentException.class, () -> JsonTree.parseObject("{\"a\": 1} {}"));
    }

    @Test
    void writesNumbersBackWithTheSameValue() {
        Map<String, Object> tree = JsonTree.parseObject("{\"c\":0.000123,\"t\":[1,2]}");

        assertEquals(tree, JsonTree.parseObject(JsonTree.write(tree)));
    }
}
