package dev.llmring.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void resolveAppendsThePathWhateverTrailingSlashesTheBaseHas() {
        assertEquals(
                URI.create("https://h.example/v1/x"), Endpoints.resolve(URI.create("https://h.example/v1//"), "/x"));
        assertEquals(URI.create("https://h.example/x"), Endpoints.resolve(URI.create("https://h.example"), "/x"));
    }

    @Test
    void resolveKeepsTheBaseQuery() {
        assertEquals(
                URI.create("https://gw.example/v1/x?api-version=2"),
                Endpoints.resolve(URI.create("https://gw.example/v1/?api-version=2"), "/x"));
    }

    @Test
    void trimmedDropsTrailingSlashes() {
        assertEquals("https://h.example/v1beta", Endpoints.trimmed(URI.create("https://h.example/v1beta//")));
    }
}
