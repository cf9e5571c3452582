package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries of one binding: which failures, how long to wait, when to give up and fail over instead. */
class RetryTest extends WireMockSupport {

    /** First answer {@code first}, then a good answer. */
    private void failOnceThenAnswer(String path, ResponseDefinitionBuilder first) {
        server.stubFor(post(path)
                .inScenario("retry")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("failed"));
        server.stubFor(
                post(path).inScenario("retry").whenScenarioStateIs("failed").willReturn(answer("hello")));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
    void retriesTheSameBindingOnTransientStatus(int status) {
        failOnceThenAnswer("/a/chat", aResponse().withStatus(status));
        try (LlmRing ring = ring().build()) {
            ChatResponse r = ring.chat(request("a:m1"));
            assertEquals("hello", r.text());
            assertEquals(2, r.trace().attempts().size());
            assertEquals(2, r.trace().attempts().get(1).number());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void retriesOnConnectionReset() {
        failOnceThenAnswer("/a/chat", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        try (LlmRing ring = ring().build()) {
            assertEquals("hello", ring.chat(request("a:m1")).text());
        }
    }

    @Test
    void retriesOn429HonouringRetryAfterSeconds() {
        failOnceThenAnswer("/a/chat", error(429, "rate_limited").withHeader("Retry-After", "7"));
        try (LlmRing ring = ring().build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps);
    }

    @Test
    void retriesOn429HonouringRetryAfterHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                time.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
        failOnceThenAnswer("/a/chat", error(429, "rate_limited").withHeader("Retry-After", date));
        try (LlmRing ring = ring().build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals(List.of(Duration.ofSeconds(12)), time.sleeps);
    }

    @Test
    void retryAfterMsTakesPrecedenceOverRetryAfter() {
        failOnceThenAnswer(
                "/a/chat",
                error(429, "rate_limited").withHeader("retry-after-ms", "1500").withHeader("Retry-After", "30"));
        try (LlmRing ring = ring().build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals(List.of(Duration.ofMillis(1500)), time.sleeps);
    }

    @Test
    void honoursRetryDelayFromTheErrorBody() {
        failOnceThenAnswer(
                "/a/chat",
                aResponse()
                        .withStatus(429)
                        .withBody(
                                "{\"error\":{\"type\":\"rate_limited\",\"message\":\"slow down\",\"retry_after_ms\":2500}}"));
        try (LlmRing ring = ring().build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals(List.of(Duration.ofMillis(2500)), time.sleeps);
    }

    @Test
    void backsOffExponentiallyWithFullJitterUpToTheCap() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(503)));
        RetryPolicy policy = RetryPolicy.builder()
                .maxAttempts(6)
                .baseDelay(ms(100))
                .maxDelay(ms(500))
                .build();
        try (LlmRing ring = ring().retryPolicy(policy).random(() -> 0.5).build()) {
            assertThrows(ProviderUnavailableException.class, () -> ring.chat(request("a:m1")));
        }
        // half of min(500, 100 * 2^(n-1)) for retries 1..5
        assertEquals(List.of(ms(50), ms(100), ms(200), ms(250), ms(250)), time.sleeps);
    }

    @Test
    void failsOverInsteadOfSleepingWhenRetryAfterExceedsTheCap() {
        server.stubFor(post("/a/chat").willReturn(error(429, "rate_limited").withHeader("Retry-After", "120")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = ring().build()) {
            assertEquals("from-b", ring.chat(request("chat")).text());
        }
        assertTrue(time.sleeps.isEmpty());
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void failsOverInsteadOfSleepingPastTheDeadline() {
        server.stubFor(post("/a/chat").willReturn(error(429, "rate_limited").withHeader("Retry-After", "20")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        Timeouts timeouts =
                Timeouts.defaults().toBuilder().deadline(Duration.ofSeconds(10)).build();
        try (LlmRing ring = ring().timeouts(timeouts).build()) {
            assertEquals("from-b", ring.chat(request("chat")).text());
        }
        assertTrue(time.sleeps.isEmpty());
    }

    @Test
    void givesUpOnABindingAfterMaxAttempts() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(500)));
        try (LlmRing ring =
                ring().retryPolicy(RetryPolicy.builder().maxAttempts(4).build()).build()) {
            ProviderUnavailableException e =
                    assertThrows(ProviderUnavailableException.class, () -> ring.chat(request("a:m1")));
            assertEquals(3, e.getSuppressed().length);
        }
        server.verify(4, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void doesNotRetryAnInvalidRequest() {
        server.stubFor(post("/a/chat").willReturn(error(400, "invalid")));
        try (LlmRing ring = ring().build()) {
            assertThrows(InvalidRequestException.class, () -> ring.chat(request("a:m1")));
        }
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void doesNotRetryModelNotFound() {
        server.stubFor(post("/a/chat").willReturn(error(404, "model_not_found")));
        try (LlmRing ring = ring().build()) {
            assertThrows(ModelNotFoundException.class, () -> ring.chat(request("a:m1")));
        }
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
    }
}
