package dev.llmring.providers.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.CircuitBreakerPolicy;
import dev.llmring.LlmRing;
import dev.llmring.RetryPolicy;
import dev.llmring.StreamEvent;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One WireMock server on loopback for a test class, every provider at its own path of it, and the client set-up the
 * cross-provider tests share. Register it {@code static} with {@code @RegisterExtension}: the server starts before
 * the class, is reset (and the fake time renewed) before each test, and stops after the class.
 *
 * <p>Paths: Anthropic {@code /anthropic}, OpenAI {@code /openai/v1}, Gemini {@code /google/v1beta}, Ollama
 * {@code /ollama}.
 */
public final class WireMockRing implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private @Nullable WireMockServer server;
    private FakeTime time = new FakeTime();

    @Override
    public void beforeAll(ExtensionContext context) {
        WireMockServer s = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s.start();
        server = s;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server().resetAll();
        time = new FakeTime();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.stop();
    }

    /** The server of this test class. */
    public WireMockServer server() {
        return Objects.requireNonNull(server, "the server starts before the class");
    }

    /** The server's root, {@code http://127.0.0.1:port}. */
    public URI root() {
        return URI.create("http://127.0.0.1:" + server().port());
    }

    /** This test's clock and sleeper: moves only when slept, records each delay. */
    public FakeTime time() {
        return time;
    }

    /**
     * A client builder: Anthropic, OpenAI and Gemini given {@code key}, every provider's base URL at its path of the
     * server, an empty environment, no registry, this test's fake clock and sleeper, no retries, breakers off.
     */
    public LlmRing.Builder ring(String key) {
        URI root = root();
        return LlmRing.builder()
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .apiKey("anthropic", key)
                .apiKey("openai", key)
                .apiKey("google", key)
                .baseUrl("anthropic", root.resolve("/anthropic"))
                .baseUrl("openai", root.resolve("/openai/v1"))
                .baseUrl("google", root.resolve("/google/v1beta"))
                .baseUrl("ollama", root.resolve("/ollama"))
                .clock(time)
                .sleeper(time)
                .retryPolicy(RetryPolicy.none())
                .circuitBreaker(CircuitBreakerPolicy.disabled());
    }

    /** A lockfile binding {@code alias} in the {@code default} profile to {@code bindings} ({@code provider:model}). */
    public Lockfile lockfile(String alias, String... bindings) {
        return Lockfile.empty(time)
                .bind("default", alias, Stream.of(bindings).map(ModelRef::parse).toList(), time);
    }

    /** The body of the last request the server got for {@code path}, parsed. */
    public JsonNode lastBody(String path) {
        List<LoggedRequest> requests = requests(path);
        if (requests.isEmpty()) throw new AssertionError("no request for " + path);
        return TestResources.json(requests.get(requests.size() - 1).getBodyAsString());
    }

    /** {@code request} answered whole, or streamed and drained, through {@code ring}. */
    public static ChatResponse answer(LlmRing ring, ChatRequest request, boolean stream) {
        if (!stream) return ring.chat(request);
        try (ChatStream s = ring.stream(request)) {
            for (StreamEvent ignored : s) {
                // drain
            }
            return s.response();
        }
    }

    /** The requests the server got for {@code path}, oldest first. */
    public List<LoggedRequest> requests(String path) {
        return server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path)));
    }
}
