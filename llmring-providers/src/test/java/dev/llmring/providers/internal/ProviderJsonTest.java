package dev.llmring.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProviderJsonTest {

    @Test
    void malformedOutputIsAMalformedResponseNamingWhatWasRead() {
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> ProviderJson.parse("{\"a\":", "Acme's answer"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, f.error().kind());
        assertTrue(f.getMessage().contains("Acme's answer"), f.getMessage());
    }

    @Test
    void emptyOutputIsAMalformedResponse() {
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> ProviderJson.parse("  ", "Acme's answer"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, f.error().kind());
    }

    @Test
    void twoDocumentsGluedTogetherAreMalformed() {
        assertThrows(ProviderFailure.class, () -> ProviderJson.parse("{} {}", "frame"));
    }

    @Test
    void parseObjectRefusesAnArray() {
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> ProviderJson.parseObject("[]", "frame"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, f.error().kind());
    }

    @Test
    void bytesParseLikeTheirText() {
        String json = "{\"text\":\"caf\u00e9 \u2603 \ud83d\ude00\",\"n\":[1,2.5,null]}";

        assertEquals(
                ProviderJson.parse(json, "frame"),
                ProviderJson.parseObject(json.getBytes(StandardCharsets.UTF_8), "frame"));
    }

    @Test
    void bytesThatAreNotUtf8AreAMalformedResponse() {
        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        ProviderFailure f = assertThrows(ProviderFailure.class, () -> ProviderJson.parse(latin1, "Acme's answer"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, f.error().kind());
        assertTrue(f.getMessage().contains("Acme's answer"), f.getMessage());
    }

    @Test
    void emptyBytesAreAMalformedResponse() {
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> ProviderJson.parse(new byte[0], "Acme's answer"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, f.error().kind());
    }

    @Test
    void parseObjectRefusesArrayBytes() {
        assertThrows(ProviderFailure.class, () -> ProviderJson.parseObject("[]".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void tryParseGivesNullForText() {
        assertNull(ProviderJson.tryParse("<html>"));
    }

    @Test
    void textAndScalarReadOnlyFittingValues() {
        var node = ProviderJson.parse("{\"s\":\"x\",\"n\":429,\"o\":{}}", "t");

        assertEquals("x", ProviderJson.text(node, "s"));
        assertNull(ProviderJson.text(node, "n"));
        assertEquals("429", ProviderJson.scalar(node, "n"));
        assertNull(ProviderJson.scalar(node, "o"));
        assertNull(ProviderJson.text(null, "s"));
    }

    private static String copyOf(String json) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = ProviderJson.parser(json)) {
            parser.nextToken();
            return ProviderJson.copy(parser);
        }
    }

    @Test
    void copyWritesAValueAsATreeReadAndWrittenAgainWould() throws Exception {
        String[] values = {
            "{ \"a\" : [ 1 , 2.50, -0.0, 1e2, 1e400, 99999999999999999999, 2147483648 ] , \"b\": {\"c\": null} }",
            "[true, false, null, \"caf\u00e9 \\u2603 \\ud800\", {}]",
            "\"text\"",
            "12.5e-3",
            "{\"n\":12345678901234567890123,\"f\":1.5}"
        };
        for (String json : values) {
            assertEquals(ProviderJson.write(ProviderJson.parse(json, "value")), copyOf(json), json);
        }
    }

    @Test
    void tokenOffsetIsWhereTheParserLocatesTheToken() throws IOException {
        String json = "{\"p\" :[\n{\n\"a\":{\"b\":1}  }, {\"x\": [ {} , \"\u00e9\"] } ], \"q\":  {\"r\":2} }";
        for (JsonParser parser :
                new JsonParser[] {ProviderJson.parser(json), ProviderJson.parser(json.getBytes(StandardCharsets.UTF_8))
                }) {
            try (parser) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    var at = parser.currentTokenLocation();
                    long expected = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
                    assertEquals(expected, ProviderJson.tokenOffset(parser), token + " at " + at);
                }
            }
        }
    }

    @Test
    void skipMovesPastTheValueAndReportsMalformedInputAsATreeReadDoes() throws IOException {
        try (JsonParser parser = ProviderJson.parser("[{\"a\": [1, {\"b\": {}}]}, 2]")) {
            parser.nextToken();
            parser.nextToken();
            ProviderJson.skip(parser);
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals(JsonToken.VALUE_NUMBER_INT, parser.nextToken());
        }
        String broken = "{\"a\": {\"b\": }}";
        ProviderFailure tree = assertThrows(ProviderFailure.class, () -> ProviderJson.parse(broken, "it"));
        try (JsonParser parser = ProviderJson.parser(broken)) {
            parser.nextToken();
            IOException e = assertThrows(IOException.class, () -> ProviderJson.skip(parser));
            assertEquals(
                    tree.error().message(),
                    ProviderJson.malformed(e, "it").error().message());
        }
    }

    @Test
    void copyKeepsARepeatedKeysLastValueInTheFirstOnesPlaceAsATreeDoes() throws Exception {
        String json = "{\"a\":1,\"b\":{\"x\":1,\"y\":2,\"z\":3,\"y\":[4]},\"a\":{\"deep\":true}}";

        assertEquals("{\"a\":{\"deep\":true},\"b\":{\"x\":1,\"y\":[4],\"z\":3}}", copyOf(json));
    }

    @Test
    void copyLeavesTheParserAtTheValuesLastToken() throws Exception {
        try (com.fasterxml.jackson.core.JsonParser parser = ProviderJson.parser("{\"v\":{\"a\":[1]},\"w\":2}")) {
            parser.nextToken();
            parser.nextToken();
            parser.nextToken();

            assertEquals("{\"a\":[1]}", ProviderJson.copy(parser));
            assertEquals("w", parser.nextFieldName());
        }
    }
}
