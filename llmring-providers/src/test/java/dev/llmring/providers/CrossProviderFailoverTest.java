package dev.llmring.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static dev.llmring.providers.testsupport.WireResponses.ndjson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.RetryPolicy;
import dev.llmring.RoutingTrace;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.providers.testsupport.WireMockRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final WireMockRing WIRE = new WireMockRing();

    private static URI root() {
        return WIRE.root();
    }

    /** The four providers as discovered, each at its own path of the server (Gemini's at {@code googleBase}). */
    private LlmRing ring(URI googleBase) {
        return WIRE.ring(KEY)
                .lockfile(WIRE.lockfile(ALIAS, ANTHROPIC, OPENAI, GOOGLE, OLLAMA))
                .baseUrl("google", googleBase)
                .retryPolicy(RetryPolicy.defaults())
                .build();
    }

    private static String fixture(String provider, String name) {
        return TestResources.read(provider, name);
    }

    /** Anthropic overloaded (529, every try), OpenAI rejecting the key (401), Gemini asking to wait 120 s (429). */
    private static void failTheFirstThree(boolean stream) {
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/anthropic/v1/messages"))
                        .willReturn(json(529, fixture("anthropic", "error-body-overloaded.json"))));
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/openai/v1/chat/completions"))
                        .willReturn(json(401, fixture("openai", "error-401.json"))));
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/google/v1beta/models/gemini-2.5-flash:"
                                + (stream ? "streamGenerateContent" : "generateContent")))
                        .willReturn(json(
                                429,
                                fixture("google", "contract/error-429-retryinfo.json")
                                        .replace("\"2s\"", "\"120s\""))));
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
        List<Duration> sleeps = WIRE.time().sleeps();
        assertEquals(2, sleeps.size(), "sleeps " + sleeps);
        assertTrue(sleeps.get(0).compareTo(Duration.ofMillis(500)) <= 0, "first backoff " + sleeps.get(0));
        assertTrue(sleeps.get(1).compareTo(Duration.ofSeconds(1)) <= 0, "second backoff " + sleeps.get(1));
    }

    @Test
    void failsOverAcrossAllFourProvidersToTheOneThatServes() {
        failTheFirstThree(false);
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/ollama/api/chat"))
                        .willReturn(json(200, fixture("ollama", "chat-text.json"))));
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
        WIRE.server().verify(3, postRequestedFor(urlPathEqualTo("/anthropic/v1/messages")));
        WIRE.server().verify(1, postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions")));
        WIRE.server()
                .verify(1, postRequestedFor(urlPathEqualTo("/google/v1beta/models/gemini-2.5-flash:generateContent")));
        WIRE.server().verify(1, postRequestedFor(urlPathEqualTo("/ollama/api/chat")));
    }

    @Test
    void aStreamFailsOverAcrossAllFourProvidersBeforeItsFirstEvent() {
        failTheFirstThree(true);
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/ollama/api/chat"))
                        .willReturn(ndjson(fixture("ollama", "stream-text.ndjson"))));
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
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/ollama/api/chat"))
                        .willReturn(json(200, fixture("ollama", "chat-text.json"))));
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
        assertEquals(
                4,
                WIRE.time().sleeps().size(),
                "two backoffs for Anthropic, two for Gemini: " + WIRE.time().sleeps());
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
