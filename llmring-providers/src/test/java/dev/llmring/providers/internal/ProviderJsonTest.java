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

    @Test
    void copyValueWritesWhatWritingItsTreeWrites() throws IOException {
        String json = "{\"a\" : [1, 1.50, 1e2, -0, true, null, \"x\\u0041\\/y\"], \"b\": {\"c\": {}}} ";
        try (JsonParser parser = ProviderJson.parser(json)) {
            parser.nextToken();
            assertEquals(ProviderJson.write(ProviderJson.parse(json, "test")), ProviderJson.copyValue(parser));
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertNull(parser.nextToken());
        }
    }

    @Test
    void copyValueGivesNullForARepeatedKeyAndStillReadsTheValueToItsEnd() throws IOException {
        try (JsonParser parser = ProviderJson.parser("[{\"a\": {\"b\": 1, \"b\": [2]}, \"c\": 3}, 4]")) {
            parser.nextToken();
            parser.nextToken();
            assertNull(ProviderJson.copyValue(parser));
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals(JsonToken.VALUE_NUMBER_INT, parser.nextToken());
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
}
