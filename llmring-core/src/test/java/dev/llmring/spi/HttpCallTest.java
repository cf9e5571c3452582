package dev.llmring.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
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
}
