package dev.llmring.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static dev.llmring.providers.testsupport.WireResponses.ndjson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.CircuitBreakerPolicy;
import dev.llmring.LlmRing;
import dev.llmring.RetryPolicy;
import dev.llmring.RoutingTrace;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.providers.testsupport.FakeTime;
import dev.llmring.providers.testsupport.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One alias whose pool spans the four providers, found by {@link java.util.ServiceLoader} and served by one WireMock
 * server under a path per provider: the first three fail, each its own way and in its own wire shape, and the last
 * serves. The routing trace records every try exactly.
 */
class CrossProviderFailoverTest {
    private static final String ALIAS = "resilient";
    private static final String ANTHROPIC = "anthropic:claude-sonnet-4-5";
    private static final String OPENAI = "openai:gpt-4o-mini";
    private static final String GOOGLE = "google:gemini-2.5-flash";
    private static final String OLLAMA = "ollama:llama3.2";
    private static final String KEY = "test-key-123";

    private static WireMockServer server;
    private final FakeTime time = new FakeTime();

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    private static URI root() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The four providers as discovered, each at its own path of the server (Gemini's at {@code googleBase}). */
    private LlmRing ring(URI googleBase) {
        Lockfile lockfile = Lockfile.empty(time)
                .bind(
                        "default",
                        ALIAS,
                        List.of(
                                ModelRef.parse(ANTHROPIC),
                                ModelRef.parse(OPENAI),
                                ModelRef.parse(GOOGLE),
                                ModelRef.parse(OLLAMA)),
                        time);
        return LlmRing.builder()
                .lockfile(lockfile)
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .apiKey("anthropic", KEY)
                .apiKey("openai", KEY)
                .apiKey("google", KEY)
                .baseUrl("anthropic", root().resolve("/anthropic"))
                .baseUrl("openai", root().resolve("/openai/v1"))
                .baseUrl("google", googleBase)
                .baseUrl("ollama", root().resolve("/ollama"))
                .clock(time)
                .sleeper(time)
                .retryPolicy(RetryPolicy.defaults())
                .circuitBreaker(CircuitBreakerPolicy.disabled())
                .build();
    }

    private static String fixture(String provider, String name) {
        return TestResources.read(provider, name);
    }

    /** Anthropic overloaded (529, every try), OpenAI rejecting the key (401), Gemini asking to wait 120 s (429). */
    private static void failTheFirstThree(boolean stream) {
        server.stubFor(post(urlPathEqualTo("/anthropic/v1/messages"))
                .willReturn(json(529, fixture("anthropic", "error-body-overloaded.json"))));
        server.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions"))
                .willReturn(json(401, fixture("openai", "error-401.json"))));
        server.stubFor(post(urlPathEqualTo("/google/v1beta/models/gemini-2.5-flash:"
                        + (stream ? "streamGenerateContent" : "generateContent")))
                .willReturn(json(
                        429,
                        fixture("google", "contract/error-429-retryinfo.json").replace("\"2s\"", "\"120s\""))));
    }

    private static List<String> steps(RoutingTrace trace) {
        return trace.attempts().stream()
                .map(a -> a.binding() + " #" + a.number() + " " + a.outcome()
                        + a.error().map(e -> " " + e).orElse("") + (a.status() == 0 ? "" : " " + a.status()))
                .toList();
    }

    private static final List<String> THREE_FAIL_THEN_OLLAMA = List.of(
            ANTHROPIC + " #1 FAILED ProviderUnavailableException 529",
            ANTHROPIC + " #2 FAILED ProviderUnavailableException 529",
            ANTHROPIC + " #3 FAILED ProviderUnavailableException 529",
            OPENAI + " #1 FAILED AuthenticationException 401",
            GOOGLE + " #1 FAILED RateLimitException 429",
            OLLAMA + " #1 SUCCEEDED");

    /** Two jittered backoff sleeps for Anthropic's retries (at most 0.5 s, then 1 s); none for the others. */
    private void sleptOnlyBetweenAnthropicTries() {
        List<Duration> sleeps = time.sleeps();
        assertEquals(2, sleeps.size(), "sleeps " + sleeps);
        assertTrue(sleeps.get(0).compareTo(Duration.ofMillis(500)) <= 0, "first backoff " + sleeps.get(0));
        assertTrue(sleeps.get(1).compareTo(Duration.ofSeconds(1)) <= 0, "second backoff " + sleeps.get(1));
    }

    @Test
    void failsOverAcrossAllFourProvidersToTheOneThatServes() {
        failTheFirstThree(false);
        server.stubFor(
                post(urlPathEqualTo("/ollama/api/chat")).willReturn(json(200, fixture("ollama", "chat-text.json"))));
        ChatResponse r;
        try (LlmRing ring = ring(root().resolve("/google/v1beta"))) {
            r = ring.chat(ChatRequest.builder(ALIAS)
                    .user("What is the capital of France?")
                    .build());
        }
        assertEquals("The capital of France is Paris.", r.text());
        assertEquals(OLLAMA, r.binding());
        assertEquals(
                Usage.builder().inputTokens(31).outputTokens(8).build(),
                r.usage().orElseThrow());
        assertEquals(ALIAS, r.trace().alias());
        assertEquals("default", r.trace().profile());
        assertEquals(OLLAMA, r.trace().servedBy().orElseThrow());
        assertEquals(THREE_FAIL_THEN_OLLAMA, steps(r.trace()));
        sleptOnlyBetweenAnthropicTries();
        server.verify(3, postRequestedFor(urlPathEqualTo("/anthropic/v1/messages")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/google/v1beta/models/gemini-2.5-flash:generateContent")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/ollama/api/chat")));
    }

    @Test
    void aStreamFailsOverAcrossAllFourProvidersBeforeItsFirstEvent() {
        failTheFirstThree(true);
        server.stubFor(
                post(urlPathEqualTo("/ollama/api/chat")).willReturn(ndjson(fixture("ollama", "stream-text.ndjson"))));
        StringBuilder text = new StringBuilder();
        ChatResponse r;
        try (LlmRing ring = ring(root().resolve("/google/v1beta"));
                ChatStream stream = ring.stream(ChatRequest.builder(ALIAS)
                        .user("What is the capital of France?")
                        .build())) {
            for (StreamEvent e : stream) {
                if (e instanceof StreamEvent.TextDelta d) text.append(d.text());
            }
            r = stream.response();
        }
        assertEquals("The capital of France is Paris.", text.toString());
        assertEquals(THREE_FAIL_THEN_OLLAMA, steps(r.trace()));
        sleptOnlyBetweenAnthropicTries();
    }

    @Test
    void failsOverPastAProviderThatRefusesConnections() {
        failTheFirstThree(false);
        server.stubFor(
                post(urlPathEqualTo("/ollama/api/chat")).willReturn(json(200, fixture("ollama", "chat-text.json"))));
        ChatResponse r;
        try (LlmRing ring = ring(URI.create("http://127.0.0.1:" + closedPort() + "/v1beta"))) {
            r = ring.chat(ChatRequest.builder(ALIAS)
                    .user("What is the capital of France?")
                    .build());
        }
        assertEquals("The capital of France is Paris.", r.text());
        assertEquals(
                List.of(
                        ANTHROPIC + " #1 FAILED ProviderUnavailableException 529",
                        ANTHROPIC + " #2 FAILED ProviderUnavailableException 529",
                        ANTHROPIC + " #3 FAILED ProviderUnavailableException 529",
                        OPENAI + " #1 FAILED AuthenticationException 401",
                        GOOGLE + " #1 FAILED ConnectionException",
                        GOOGLE + " #2 FAILED ConnectionException",
                        GOOGLE + " #3 FAILED ConnectionException",
                        OLLAMA + " #1 SUCCEEDED"),
                steps(r.trace()));
        assertEquals(4, time.sleeps().size(), "two backoffs for Anthropic, two for Gemini: " + time.sleeps());
    }

    /** A loopback port nothing listens on (bound, then closed). */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
