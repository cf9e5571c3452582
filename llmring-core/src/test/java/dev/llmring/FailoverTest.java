package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures move the call to the next binding of the pool, and what the caller gets when all fail. */
class FailoverTest extends WireMockSupport {

    private LlmRing oneAttemptRing() {
        return ring().retryPolicy(RetryPolicy.none()).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 408, 409, 429, 500, 503, 529})
    void failsOverToTheNextBindingOnStatus(int status) {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(status)));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertEquals("b:m2", r.binding());
            assertEquals(
                    RoutingTrace.Attempt.Outcome.FAILED,
                    r.trace().attempts().get(0).outcome());
            assertEquals(status, r.trace().attempts().get(0).status());
        }
    }

    @Test
    void failsOverOnConnectionFailure() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertEquals(
                    "ConnectionException", r.trace().attempts().get(0).error().orElseThrow());
        }
    }

    @Test
    void failsOverOnMalformedAnswer() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(200).withBody("{not json")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            assertEquals("from-b", ring.chat(request("chat")).text());
        }
    }

    @Test
    void invalidRequestEndsTheCallWithoutFailover() {
        server.stubFor(post("/a/chat").willReturn(error(400, "invalid")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ring.chat(request("chat")));
            assertEquals(400, e.status());
            assertTrue(e.trace().isPresent());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/b/chat")));
    }

    @Test
    void unprocessableEntityEndsTheCallWithoutFailover() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(422)));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            assertThrows(InvalidRequestException.class, () -> ring.chat(request("chat")));
        }
        server.verify(0, postRequestedFor(urlEqualTo("/b/chat")));
    }

    @Test
    void failsOverOnContextWindowOverflow() {
        server.stubFor(post("/a/chat").willReturn(error(400, "context_length")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            assertEquals("from-b", ring.chat(request("chat")).text());
        }
    }

    @Test
    void afterAnOverflowSkipsBindingsWhoseWindowIsNotLarger() {
        server.stubFor(post("/a/chat").willReturn(error(400, "context_length")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        server.stubFor(post("/c/chat").willReturn(answer("from-c")));
        aliases.bind("chat", "a:m1", "b:m2", "c:m3");
        Map<String, Long> windows = Map.of("a:m1", 128_000L, "b:m2", 128_000L, "c:m3", 1_000_000L);
        try (LlmRing ring = ring().retryPolicy(RetryPolicy.none())
                .contextWindows(t -> windows.containsKey(t.toString())
                        ? OptionalLong.of(windows.get(t.toString()))
                        : OptionalLong.empty())
                .build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-c", r.text());
            assertEquals(
                    RoutingTrace.Attempt.Outcome.SKIPPED,
                    r.trace().attempts().get(1).outcome());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/b/chat")));
    }

    @Test
    void authenticationFailureFailsOverAndIsRecordedInTheTrace() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(401)));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = ring().build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals(
                    "AuthenticationException",
                    r.trace().attempts().get(0).error().orElseThrow());
        }
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void whenEveryBindingFailsTheLastFailureIsThrownWithEarlierOnesSuppressed() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(503)));
        server.stubFor(post("/b/chat").willReturn(error(429, "rate_limited")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing()) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> ring.chat(request("chat")));
            assertEquals("b", e.provider().orElseThrow());
            assertEquals(1, e.getSuppressed().length);
            assertInstanceOf(ProviderUnavailableException.class, e.getSuppressed()[0]);
            RoutingTrace trace = e.trace().orElseThrow();
            assertEquals(2, trace.attempts().size());
            assertTrue(trace.servedBy().isEmpty());
        }
    }

    @Test
    void errorDetailsCarryStatusRequestIdProviderCodeAndRetryAfter() {
        server.stubFor(post("/a/chat")
                .willReturn(error(429, "rate_limited")
                        .withHeader("x-test-request-id", "req-77")
                        .withHeader("Retry-After", "300")));
        try (LlmRing ring = oneAttemptRing()) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> ring.chat(request("a:m1")));
            assertEquals(
                    ErrorDetails.of("a", "m1")
                            .withStatus(429)
                            .withRequestId("req-77")
                            .withProviderCode("rate_limited")
                            .withRetryAfter(java.time.Duration.ofSeconds(300)),
                    e.details());
            assertTrue(e.isRetryable());
        }
    }

    @Test
    void skipsBindingsOfUnknownProvidersAndProvidersWithoutKey() {
        server.stubFor(post("/c/chat").willReturn(answer("from-c")));
        aliases.bind("chat", "nope:m0", "b:m2", "c:m3");
        LlmRing.Builder b = LlmRing.builder()
                .discoverProviders(false)
                .environment(Map.<String, String>of()::get)
                .provider(new TestProvider("b"))
                .provider(new TestProvider("c"))
                .apiKey("c", KEY)
                .baseUrl("b", base())
                .baseUrl("c", base())
                .poolResolver(aliases)
                .clock(time)
                .sleeper(time)
                .noRegistry();
        try (LlmRing ring = b.build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-c", r.text());
            List<RoutingTrace.Attempt> attempts = r.trace().attempts();
            assertTrue(attempts.get(0).reason().orElseThrow().contains("not registered"));
            assertTrue(attempts.get(1).reason().orElseThrow().contains("B_TEST_KEY"));
        }
    }

    @Test
    void noUsableBindingListsEveryBindingAndWhy() {
        aliases.bind("chat", "nope:m0", "b:m2");
        LlmRing.Builder b = LlmRing.builder()
                .discoverProviders(false)
                .environment(Map.<String, String>of()::get)
                .provider(new TestProvider("b"))
                .baseUrl("b", base())
                .poolResolver(aliases)
                .noRegistry();
        try (LlmRing ring = b.build()) {
            NoUsableBindingException e = assertThrows(NoUsableBindingException.class, () -> ring.chat(request("chat")));
            assertEquals(2, e.reasons().size());
            assertTrue(e.reasons().get(0).startsWith("nope:m0: "));
            assertTrue(e.reasons().get(1).startsWith("b:m2: no API key"));
            assertTrue(e.getMessage().contains("nope:m0") && e.getMessage().contains("b:m2"));
            assertEquals(2, e.trace().orElseThrow().attempts().size());
        }
    }

    @Test
    void aBindingWhoseAdapterCannotEncodeTheRequestIsSkipped() {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        ChatRequest request = request("chat").toBuilder()
                .providerOptions("a", Map.of("refuse", true))
                .build();
        try (LlmRing ring = ring().build()) {
            ChatResponse r = ring.chat(request);
            assertEquals("from-b", r.text());
            assertTrue(r.trace().attempts().get(0).reason().orElseThrow().contains("cannot serve"));
        }
    }

    @Test
    void unknownAliasIsANoUsableBinding() {
        try (LlmRing ring = ring().build()) {
            assertThrows(NoUsableBindingException.class, () -> ring.chat(request("nobody")));
        }
    }

    @Test
    void resolvedPoolsAreCachedPerModel() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        int[] resolutions = {0};
        PoolResolver counting = new PoolResolver() {
            @Override
            public String profile() {
                return "test";
            }

            @Override
            public List<Target> resolve(String model, java.util.Set<String> known) {
                resolutions[0]++;
                return List.of(new Target("a", "m1"));
            }
        };
        try (LlmRing ring = ring().poolResolver(counting).build()) {
            ring.chat(request("chat"));
            ring.chat(request("chat"));
        }
        assertEquals(1, resolutions[0]);
    }

    @Test
    void theTraceOfAServedCallNamesTheBinding() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        try (LlmRing ring = ring().build()) {
            ChatResponse r = ring.chat(request("a:m1"));
            assertEquals("a:m1", r.trace().servedBy().orElseThrow());
            assertEquals("test", r.trace().profile());
            assertEquals("req-x", r.requestId().orElseThrow());
            assertSame(
                    RoutingTrace.Attempt.Outcome.SUCCEEDED,
                    r.trace().attempts().get(0).outcome());
        }
    }
}
