package dev.llmring.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared rules of one bounded exchange, against WireMock on loopback. */
class BoundedHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WireMockServer server =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final HttpClient client = BoundedHttp.newClient(TIMEOUT);

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private BoundedHttp.Response send(String path, long maxBytes) throws BoundedHttp.Failure {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .GET()
                .build();
        return BoundedHttp.send(client, request, TIMEOUT, maxBytes);
    }

    @Test
    void bodyWithinTheCapIsReturned() throws Exception {
        server.stubFor(get("/doc.json").willReturn(okJson("{\"ok\":true}")));

        assertArrayEquals(
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                send("/doc.json", 64).body());
    }

    @Test
    void bodyPastTheCapIsTooLarge() {
        server.stubFor(get("/doc.json").willReturn(okJson("{\"pad\":\"" + "x".repeat(10_000) + "\"}")));

        BoundedHttp.Failure f = assertThrows(BoundedHttp.Failure.class, () -> send("/doc.json", 1_000));
        assertEquals(BoundedHttp.Kind.TOO_LARGE, f.kind());
    }

    @Test
    void bodyOfAnErrorAnswerIsNotReadSoItsSizeDoesNotMatter() throws Exception {
        server.stubFor(
                get("/missing.json").willReturn(aResponse().withStatus(404).withBody("x".repeat(10_000))));

        BoundedHttp.Response response = send("/missing.json", 1_000);
        assertEquals(404, response.status());
        assertEquals(0, response.body().length);
    }

    @Test
    void redirectIsReturnedAndNotFollowed() throws Exception {
        server.stubFor(get("/doc.json").willReturn(aResponse().withStatus(302).withHeader("Location", "/other.json")));
        server.stubFor(get("/other.json").willReturn(okJson("{}")));

        assertEquals(302, send("/doc.json", 64).status());
    }

    @Test
    void exchangeLongerThanTheBoundTimesOut() {
        server.stubFor(get("/doc.json").willReturn(okJson("{}").withFixedDelay(2_000)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/doc.json"))
                .GET()
                .build();

        BoundedHttp.Failure f = assertThrows(
                BoundedHttp.Failure.class, () -> BoundedHttp.send(client, request, Duration.ofMillis(100), 64));
        assertEquals(BoundedHttp.Kind.TIMED_OUT, f.kind());
    }

    @Test
    void onlyLoopbackLiteralsCountAsLoopbackHttp() {
        assertTrue(BoundedHttp.isLoopbackHttp(URI.create("http://127.0.0.1:8080/x")));
        assertTrue(BoundedHttp.isLoopbackHttp(URI.create("http://[::1]:8080/x")));
        assertFalse(BoundedHttp.isLoopbackHttp(URI.create("http://localhost:8080/x")));
        assertFalse(BoundedHttp.isLoopbackHttp(URI.create("https://127.0.0.1/x")));
        assertFalse(BoundedHttp.isLoopbackHttp(URI.create("http://registry.example/x")));
    }
}
