package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmring.spi.WireFormat;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server on loopback and a client whose providers a, b and c (test dialect) all talk to it. */
abstract class WireMockSupport {
    static final String KEY = "test-key-123";
    static WireMockServer server;

    final FakeTime time = new FakeTime();
    final MapResolver aliases = new MapResolver();

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").asynchronousResponseEnabled(true));
        server.start();
        warmUp();
    }

    /** One exchange through the JDK client, so that no test pays for Jetty's and the client's first request. */
    private static void warmUp() {
        try {
            java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(URI.create(base() + "/__admin/health"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    static URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A client with providers a, b, c on the WireMock server, fake time, no jitter (random = 1). */
    LlmRing.Builder ring() {
        return LlmRing.builder()
                .discoverProviders(false)
                .environment(Map.<String, String>of()::get)
                .provider(new TestProvider("a"))
                .provider(new TestProvider("b"))
                .provider(new TestProvider("c"))
                .apiKey("a", KEY)
                .apiKey("b", KEY)
                .apiKey("c", KEY)
                .baseUrl("a", base())
                .baseUrl("b", base())
                .baseUrl("c", base())
                .clock(time)
                .sleeper(time)
                .random(() -> 1.0)
                .noRegistry()
                .poolResolver(aliases);
    }

    static ChatRequest request(String model) {
        return ChatRequest.builder(model).user("Say hello").build();
    }

    /** A whole-body answer with text, usage and finish. */
    static ResponseDefinitionBuilder answer(String text) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-test-request-id", "req-" + text)
                .withBody("[{\"text\":\"" + text + "\"},{\"usage\":{\"in\":3,\"out\":5}},{\"finish\":\"stop\"}]");
    }

    static ResponseDefinitionBuilder error(int status, String type) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + type + " happened\"}}");
    }

    /** An SSE body of {@code data:} frames, then {@code [DONE]}. */
    static String sse(String... frames) {
        return Arrays.stream(frames).map(f -> "data: " + f + "\n\n").collect(Collectors.joining()) + "data: [DONE]\n\n";
    }

    static ResponseDefinitionBuilder sseAnswer(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static TestProvider ndjson(String name) {
        return new TestProvider(name, WireFormat.NDJSON, true);
    }
}
