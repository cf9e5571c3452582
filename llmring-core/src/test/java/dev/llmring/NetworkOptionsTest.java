package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The builder's proxy and a user-supplied HttpClient: where calls go, what is refused, what close() leaves alone. */
class NetworkOptionsTest extends WireMockSupport {
    /** A provider host nobody can resolve: only a proxy can carry a call to it. */
    private static final URI UNREACHABLE = URI.create("http://llm.invalid:9");

    private LlmRing.Builder viaUnreachable() {
        aliases.bind("chat", "a:m1");
        return ring().retryPolicy(RetryPolicy.none()).baseUrl("a", UNREACHABLE);
    }

    @Test
    void aCallGoesThroughTheConfiguredProxy() throws IOException {
        try (RecordingProxy proxy = new RecordingProxy();
                LlmRing ring = viaUnreachable().proxy(proxy.address()).build()) {
            assertEquals("via proxy", ring.chat(request("chat")).text());
            assertEquals(List.of("POST http://llm.invalid:9/a/chat HTTP/1.1"), proxy.requestLines);
        }
    }

    @Test
    void aProxyAddressWithoutAPortIsRefusedNamingIt() {
        InetSocketAddress address = InetSocketAddress.createUnresolved("proxy.example", 0);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LlmRing.builder().proxy(address));
        assertTrue(e.getMessage().contains("proxy.example"), e::getMessage);
    }

    @Test
    void aUserClientCarriesEveryCall() throws IOException {
        try (RecordingProxy proxy = new RecordingProxy()) {
            HttpClient own = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(proxy.address()))
                    .build();
            try (LlmRing ring = viaUnreachable().httpClient(own).build()) {
                assertEquals("via proxy", ring.chat(request("chat")).text());
            }
            assertEquals(1, proxy.requestLines.size());
        }
    }

    @Test
    void closingTheRingLeavesTheUserClientUsable() throws Exception {
        HttpClient own = HttpClient.newHttpClient();
        aliases.bind("chat", "a:m1");
        server.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.post("/a/chat").willReturn(answer("hello")));
        try (LlmRing ring = ring().httpClient(own).build()) {
            assertEquals("hello", ring.chat(request("chat")).text());
        }
        HttpResponse<Void> after = own.send(
                HttpRequest.newBuilder(URI.create(base() + "/__admin/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, after.statusCode());
    }

    @Test
    void aUserClientThatFollowsRedirectsIsRefusedNamingItsPolicy() {
        HttpClient follows = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LlmRing.builder().httpClient(follows));
        assertTrue(e.getMessage().contains("NORMAL"), e::getMessage);
    }

    @Test
    void aUserClientWithAProxyFailsBuildNamingBoth() {
        LlmRing.Builder b =
                ring().httpClient(HttpClient.newHttpClient()).proxy(new InetSocketAddress("127.0.0.1", 3128));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("httpClient(...)") && e.getMessage().contains("proxy(...)"), e::getMessage);
    }

    @Test
    void aUserClientWithAnSslContextFailsBuildNamingBoth() throws Exception {
        LlmRing.Builder b = ring().sslContext(SSLContext.getDefault()).httpClient(HttpClient.newHttpClient());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(
                e.getMessage().contains("httpClient(...)") && e.getMessage().contains("sslContext(...)"),
                e::getMessage);
    }
}
