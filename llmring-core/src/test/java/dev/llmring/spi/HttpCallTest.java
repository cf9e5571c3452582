package dev.llmring.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCallTest {
    private static HttpCall post(String uri) {
        return HttpCall.post(URI.create(uri), Map.of(), new byte[0]);
    }

    @Test
    void keyShapedQueryParameterIsRefusedInAnyPosition() {
        assertThrows(IllegalArgumentException.class, () -> post("https://h.example/v1?key=x"));
        assertThrows(IllegalArgumentException.class, () -> post("https://h.example/v1?alt=sse&API_KEY=x"));
        assertThrows(IllegalArgumentException.class, () -> post("https://h.example/v1?a=1&b=2&apikey="));
    }

    @Test
    void parameterThatOnlyEndsInKeyIsAllowed() {
        assertDoesNotThrow(() -> post("https://h.example/v1?monkey=1&alt=sse"));
    }

    @Test
    void longQueryOfManyParametersIsCheckedInOnePass() {
        String query = "a=1&".repeat(200_000) + "key=x";

        assertThrows(IllegalArgumentException.class, () -> post("https://h.example/v1?" + query));
    }

    private static final URI ENDPOINT = URI.create("https://h.example/v1");

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer test-key-123");
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json");
        return h;
    }

    @Test
    void headersGivenAsAMutableMapAreCopiedInOrderAndCannotBeChanged() {
        Map<String, String> given = headers();
        HttpCall call = HttpCall.post(ENDPOINT, given, new byte[0]);
        given.put("X-Later", "1");
        given.remove("Accept");

        assertEquals(
                List.of("Authorization", "Content-Type", "Accept"),
                List.copyOf(call.headers().keySet()));
        assertEquals("application/json", call.headers().get("Accept"));
        assertThrows(UnsupportedOperationException.class, () -> call.headers().put("X-Other", "2"));
        assertThrows(UnsupportedOperationException.class, () -> call.headers().remove("Accept"));
        assertThrows(
                UnsupportedOperationException.class,
                () -> call.headers().entrySet().iterator().next().setValue("x"));
    }

    @Test
    void fixedHeadersAreTakenAsTheyAreByEveryCall() {
        Map<String, String> fixed = HttpCall.fixedHeaders(headers());

        HttpCall first = HttpCall.post(ENDPOINT, fixed, new byte[0]);
        HttpCall second = HttpCall.post(ENDPOINT, fixed, new byte[0]);

        assertSame(fixed, first.headers());
        assertSame(fixed, second.headers());
        assertSame(fixed, HttpCall.fixedHeaders(fixed));
        assertEquals(headers(), fixed);
        assertEquals(List.copyOf(headers().keySet()), List.copyOf(fixed.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> fixed.clear());
    }

    @Test
    void fixedHeadersStillPrintRedacted() {
        String printed = HttpCall.post(ENDPOINT, HttpCall.fixedHeaders(headers()), new byte[3])
                .toString();

        assertEquals(
                "POST https://h.example/v1 {Authorization=<redacted>, Content-Type=application/json,"
                        + " Accept=application/json} 3 bytes",
                printed);
        assertFalse(printed.contains("test-key-123"));
        assertTrue(printed.contains("<redacted>"));
    }
}
