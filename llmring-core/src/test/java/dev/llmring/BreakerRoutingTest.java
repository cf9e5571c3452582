package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The router and the breakers: an open breaker skips its binding (in the trace), a probe closes it again. */
class BreakerRoutingTest extends WireMockSupport {

    private LlmRing breakerRing() {
        return ring().retryPolicy(RetryPolicy.none())
                .circuitBreaker(CircuitBreakerPolicy.of(2, Duration.ofSeconds(30)))
                .build();
    }

    @Test
    void anOpenBreakerSkipsItsBindingWithoutCallingIt() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(503)));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = breakerRing()) {
            ring.chat(request("chat"));
            ring.chat(request("chat"));
            ChatResponse third = ring.chat(request("chat"));
            RoutingTrace.Attempt skip = third.trace().attempts().get(0);
            assertEquals(RoutingTrace.Attempt.Outcome.SKIPPED, skip.outcome());
            assertTrue(skip.reason().orElseThrow().startsWith("circuit breaker open"), skip.toString());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void aSuccessfulProbeAfterTheOpenDurationClosesTheBreaker() {
        server.stubFor(post("/a/chat")
                .inScenario("b")
                .whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)));
        server.stubFor(
                post("/a/chat").inScenario("b").whenScenarioStateIs("healed").willReturn(answer("from-a")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = breakerRing()) {
            ring.chat(request("chat"));
            ring.chat(request("chat"));
            server.setScenarioState("b", "healed");
            assertEquals("from-b", ring.chat(request("chat")).text()); // still open
            time.advance(Duration.ofSeconds(30));
            assertEquals("from-a", ring.chat(request("chat")).text()); // the probe
            assertEquals("from-a", ring.chat(request("chat")).text()); // closed
        }
    }

    @Test
    void whileTheProbeIsInFlightConcurrentCallsSkipTheBinding() throws Exception {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (GatedServer gated = new GatedServer();
                LlmRing ring = ring().baseUrl("a", gated.base())
                        .retryPolicy(RetryPolicy.none())
                        .circuitBreaker(CircuitBreakerPolicy.of(1, Duration.ofSeconds(30)))
                        .build()) {
            assertEquals("from-b", ring.chat(request("chat")).text()); // a fails: open
            time.advance(Duration.ofSeconds(30));
            java.util.concurrent.CompletableFuture<ChatResponse> probe = ring.chatAsync(request("chat"));
            assertTrue(gated.secondRequest.await(10, java.util.concurrent.TimeUnit.SECONDS));
            for (int i = 0; i < 5; i++) {
                RoutingTrace.Attempt skip =
                        ring.chat(request("chat")).trace().attempts().get(0);
                assertTrue(skip.reason().orElseThrow().contains("probe is in flight"), skip.toString());
            }
            gated.gate.countDown();
            assertEquals(
                    "from-gated",
                    probe.get(10, java.util.concurrent.TimeUnit.SECONDS).text());
            assertEquals("from-gated", ring.chat(request("chat")).text()); // closed again
            assertEquals(3, gated.requests.get());
        }
    }

    @Test
    void anInvalidRequestDoesNotCountTowardsTheBreaker() {
        server.stubFor(post("/a/chat").willReturn(error(400, "invalid")));
        try (LlmRing ring = breakerRing()) {
            for (int i = 0; i < 3; i++) {
                assertThrows(InvalidRequestException.class, () -> ring.chat(request("a:m1")));
            }
        }
        server.verify(3, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void whenEveryBreakerIsOpenTheCallHasNoUsableBinding() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(500)));
        try (LlmRing ring = breakerRing()) {
            assertThrows(ProviderUnavailableException.class, () -> ring.chat(request("a:m1")));
            assertThrows(ProviderUnavailableException.class, () -> ring.chat(request("a:m1")));
            NoUsableBindingException e = assertThrows(NoUsableBindingException.class, () -> ring.chat(request("a:m1")));
            assertTrue(
                    e.reasons().get(0).contains("circuit breaker open"),
                    e.reasons().toString());
        }
    }

    @Test
    void derivedClientsHaveBreakersOfTheirOwn() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(500)));
        try (LlmRing ring = breakerRing()) {
            assertThrows(ProviderUnavailableException.class, () -> ring.chat(request("a:m1")));
            assertThrows(ProviderUnavailableException.class, () -> ring.chat(request("a:m1")));
            try (LlmRing derived = ring.toBuilder().build()) {
                assertThrows(ProviderUnavailableException.class, () -> derived.chat(request("a:m1")));
            }
        }
    }
}
