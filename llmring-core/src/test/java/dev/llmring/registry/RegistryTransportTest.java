package dev.llmring.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.internal.http.HttpClientShutdown;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where data may come from and the bounds on every fetch. */
class RegistryTransportTest {
    @TempDir
    Path cache;

    private final RegistryServer server = new RegistryServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void plainHttpIsRefusedWithoutTheTestFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registry.builder()
                .baseUrl(server.baseUrl())
                .cacheDirectory(cache)
                .build());
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }

    @Test
    void plainHttpToNonLoopbackHostIsRefusedEvenWithTheTestFlag() {
        assertThrows(IllegalArgumentException.class, () -> Registry.builder()
                .baseUrl("http://registry.example/registry")
                .allowHttpLoopbackForTesting()
                .build());
    }

    @Test
    void plainHttpToTheLocalhostNameIsRefusedEvenWithTheTestFlag() {
        assertThrows(IllegalArgumentException.class, () -> Registry.builder()
                .baseUrl("http://localhost:8080/registry")
                .allowHttpLoopbackForTesting()
                .build());
    }

    @Test
    void otherSchemesAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Registry.builder().baseUrl("ftp://example.com/registry"));
    }

    @Test
    void urlWithUserInfoIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registry.builder()
                .baseUrl("https://user:secret-pass@example.com/registry"));
        assertTrue(!e.getMessage().contains("secret-pass"), e.getMessage());
    }

    @Test
    void environmentVariableSetsTheBaseUrl() {
        Registry r = Registry.builder()
                .environment(name -> name.equals("LLMRING_REGISTRY_URL")
                        ? RegistryServer.FIXTURE.toUri().toString()
                        : null)
                .build();
        assertEquals("file", r.baseUrl().getScheme());
        assertEquals(5, r.currentVersion("anthropic"));
    }

    @Test
    void builderBaseUrlWinsOverTheEnvironment() {
        Registry r = server.registry(cache)
                .environment(name -> name.equals("LLMRING_REGISTRY_URL") ? "https://elsewhere.example" : null)
                .build();
        assertEquals(URI.create(server.baseUrl()), r.baseUrl());
    }

    @Test
    void badEnvironmentUrlIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registry.builder()
                .environment(name -> name.equals("LLMRING_REGISTRY_URL") ? "http://evil.example" : null)
                .build());
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }

    @Test
    void fileRegistryReadsALocalDirectoryWithoutCaching() throws Exception {
        Registry r = Registry.builder()
                .baseUrl(RegistryServer.FIXTURE.toUri())
                .cacheDirectory(cache)
                .build();
        assertEquals(
                "fixture-large-2030-01-01",
                r.model("openai", "fixture-large").orElseThrow().modelName());
        assertEquals(4, r.models("anthropic", 4).get(0).registryVersion().getAsInt());
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void redirectIsNotFollowed() {
        server.wm.stubFor(get(urlEqualTo("/registry/google/models.json"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/x")));
        RegistryException e = assertThrows(
                RegistryException.class, () -> server.registry(cache).build().models("google"));
        assertTrue(e.getMessage().contains("redirect"), e.getMessage());
    }

    @Test
    void httpClientThatFollowsRedirectsIsRejected() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        assertThrows(IllegalArgumentException.class, () -> Registry.builder().httpClient(following));
    }

    @Test
    void documentLargerThanTheCapIsRefused() {
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> server.registry(cache).maxDocumentBytes(100).build().models("openai"));
        assertTrue(e.getMessage().contains("size cap"), e.getMessage());
    }

    @Test
    void slowRegistryTimesOut() {
        server.wm.stubFor(get(urlEqualTo("/registry/google/models.json"))
                .willReturn(
                        aResponse().withStatus(200).withBody("{\"models\":{}}").withFixedDelay(2_000)));
        RegistryException e = assertThrows(RegistryException.class, () -> server.registry(cache)
                .timeout(Duration.ofMillis(100))
                .build()
                .models("google"));
        assertTrue(e.getMessage().contains("longer than 100 ms"), e.getMessage());
    }

    @Test
    void registryThatDripsItsBodyTimesOut() {
        server.wm.stubFor(get(urlEqualTo("/registry/google/models.json"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"models\":{}}" + " ".repeat(4_000))
                        .withChunkedDribbleDelay(20, 3_000)));
        RegistryException e = assertThrows(RegistryException.class, () -> server.registry(cache)
                .timeout(Duration.ofMillis(300))
                .build()
                .models("google"));
        assertTrue(e.getMessage().contains("longer than 300 ms"), e.getMessage());
    }

    @Test
    void absolutePathInTheEnvironmentMeansALocalDirectory() {
        Registry r = Registry.builder()
                .environment(name -> name.equals("LLMRING_REGISTRY_URL") ? RegistryServer.FIXTURE.toString() : null)
                .build();
        assertEquals(3, r.currentVersion("openai"));
    }

    @Test
    void malformedDocumentIsRegistryException() {
        server.wm.stubFor(get(urlEqualTo("/registry/google/models.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"models\": [1, 2]}")));
        RegistryException e = assertThrows(
                RegistryException.class, () -> server.registry(cache).build().models("google"));
        assertTrue(e.getMessage().contains("'models' object"), e.getMessage());
        assertFalse(e instanceof RegistryUnavailableException, "the registry answered: it is not unavailable");
    }

    @Test
    void aRegistryNothingListensOnIsUnavailableNamingTheUrlAndWhy() throws java.io.IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Registry registry = Registry.builder()
                .baseUrl("http://127.0.0.1:" + port + "/registry")
                .allowHttpLoopbackForTesting()
                .cacheDirectory(cache)
                .build();

        RegistryException e = assertThrows(RegistryUnavailableException.class, () -> registry.models("openai"));

        assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + "/registry/openai/models.json"), e::getMessage);
        assertTrue(e.getMessage().contains("ConnectException: could not connect"), e::getMessage);
    }

    /**
     * Fetches are hours apart, so a registry keeps no HttpClient between them: each fetch stops its own client, whose
     * selector thread then ends (Java 21 and later; on 17 the client goes with the garbage collector, which a test
     * cannot wait for).
     */
    @Test
    void eachFetchStopsTheHttpClientItBuilt() throws InterruptedException {
        Assumptions.assumeTrue(HttpClientShutdown.available(), "HttpClient.shutdownNow needs Java 21");
        Set<Thread> before = selectorThreads();
        Registry registry = server.registry(cache).noDiskCache().build();
        registry.models("openai");
        registry.refresh("openai");
        registry.models("anthropic");
        assertEquals(2, server.requests("openai/models.json"));
        Set<Thread> left = selectorThreads();
        left.removeAll(before);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (left.removeIf(t -> !t.isAlive()); !left.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
            left.removeIf(t -> !t.isAlive());
        }
        assertEquals(Set.of(), left, "HttpClient selector threads still running after the fetches");
    }

    /** Running threads of HttpClients built in this JVM ({@code HttpClient-N-SelectorManager}). */
    private static Set<Thread> selectorThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) threads.add(t);
        }
        return threads;
    }
}
