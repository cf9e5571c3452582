package dev.llmring.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
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
}
