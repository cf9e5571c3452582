package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Time bounds against servers that stall for good: bounds of tens of milliseconds, stalls that only end when the
 * client hangs up, so nothing here depends on how fast the machine is.
 */
class TimeoutTest extends WireMockSupport {
    private static final Timeouts SHORT = Timeouts.defaults().toBuilder()
            .attempt(ms(150))
            .streamFirstEvent(ms(150))
            .streamIdle(ms(150))
            .build();
    /** Where another binding must answer within the bound: roomy enough for cold code on a busy machine. */
    private static final Timeouts ROOMY = Timeouts.defaults().toBuilder()
            .attempt(Duration.ofSeconds(2))
            .streamFirstEvent(Duration.ofSeconds(2))
            .streamIdle(Duration.ofSeconds(2))
            .build();

    /** A client on the real clock (time bounds are real), retries without sleeping. */
    private LlmRing.Builder realTimeRing(StallingServer stalling) {
        return ring().clock(Clock.systemUTC())
                .sleeper(d -> {})
                .timeouts(SHORT)
                .baseUrl("a", stalling.base())
                .baseUrl("b", stalling.base())
                .baseUrl("c", stalling.base());
    }

    @Test
    void anAttemptThatGetsNoAnswerTimesOutAndIsRetried() throws Exception {
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = realTimeRing(stalling)
                        .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
                        .build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request("a:m1")));
            assertEquals(LlmRingTimeoutException.Kind.ATTEMPT, e.kind());
            assertEquals(2, stalling.requests.get());
            assertTrue(e.isRetryable());
        }
    }

    @Test
    void anAttemptTimeoutFailsOverToTheNextBinding() throws Exception {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = realTimeRing(stalling)
                        .baseUrl("b", base())
                        .timeouts(ROOMY)
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertEquals(
                    "LlmRingTimeoutException",
                    r.trace().attempts().get(0).error().orElseThrow());
        }
    }

    @Test
    void oneDeadlineBoundsTheWholeCallAcrossFailovers() throws Exception {
        // Four stalling bindings of 150 ms attempts would need 600 ms; the 500 ms deadline ends the call first. How
        // many bindings fit before it depends on the machine's load, so the test asserts the shape, not the count.
        aliases.bind("chat", "a:m1", "b:m2", "c:m3", "d:m4");
        Timeouts timeouts = SHORT.toBuilder().deadline(ms(500)).build();
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = realTimeRing(stalling)
                        .provider(new TestProvider("d"))
                        .apiKey("d", KEY)
                        .baseUrl("d", stalling.base())
                        .timeouts(timeouts)
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request("chat")));
            assertEquals(LlmRingTimeoutException.Kind.DEADLINE, e.kind());
            assertEquals(ms(500), e.limit());
            int failedOver = e.getSuppressed().length; // the attempt timeouts of the bindings before the last
            assertTrue(failedOver >= 1 && failedOver <= 3, "failed over " + failedOver + " times");
            for (Throwable earlier : e.getSuppressed()) {
                assertEquals(LlmRingTimeoutException.Kind.ATTEMPT, ((LlmRingTimeoutException) earlier).kind());
            }
            assertEquals(failedOver + 1, e.trace().orElseThrow().attempts().size());
        }
    }

    @Test
    void aRequestTimeoutReplacesTheClientDeadline() throws Exception {
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = realTimeRing(stalling)
                        .timeouts(
                                SHORT.toBuilder().attempt(Duration.ofMinutes(1)).build())
                        .build()) {
            ChatRequest request = request("a:m1").toBuilder().timeout(ms(100)).build();
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request));
            assertEquals(LlmRingTimeoutException.Kind.DEADLINE, e.kind());
            assertEquals(ms(100), e.limit());
        }
    }

    @Test
    void anAnswerWhoseBodyStallsAfterItsHeadersTimesOutAndDropsTheConnection() throws Exception {
        String headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\"";
        try (StallingServer stalling = new StallingServer(headers);
                LlmRing ring =
                        realTimeRing(stalling).retryPolicy(RetryPolicy.none()).build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request("a:m1")));
            assertEquals(LlmRingTimeoutException.Kind.ATTEMPT, e.kind());
            assertEquals(ms(150), e.limit());
            assertTrue(stalling.clientClosed.await(10, TimeUnit.SECONDS), "the server saw the connection drop");
        }
    }

    @Test
    void anErrorBodyThatStallsTimesOut() throws Exception {
        String headers = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{";
        try (StallingServer stalling = new StallingServer(headers);
                LlmRing ring =
                        realTimeRing(stalling).retryPolicy(RetryPolicy.none()).build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request("a:m1")));
            assertEquals(LlmRingTimeoutException.Kind.ATTEMPT, e.kind());
        }
    }

    @Test
    void aStreamWithoutHeadersHitsTheFirstEventTimeout() throws Exception {
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring =
                        realTimeRing(stalling).retryPolicy(RetryPolicy.none()).build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.stream(request("a:m1")));
            assertEquals(LlmRingTimeoutException.Kind.FIRST_EVENT, e.kind());
        }
    }

    @Test
    void aStreamWithHeadersButNoEventHitsTheFirstEventTimeout() throws Exception {
        try (StallingServer stalling = new StallingServer(StallingServer.SSE_HEADERS);
                LlmRing ring =
                        realTimeRing(stalling).retryPolicy(RetryPolicy.none()).build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.stream(request("a:m1")));
            assertEquals(LlmRingTimeoutException.Kind.FIRST_EVENT, e.kind());
            assertTrue(stalling.clientClosed.await(10, TimeUnit.SECONDS), "the exchange was aborted");
        }
    }

    @Test
    void aStreamSilentBeforeContentHitsTheIdleTimeoutAndFailsOver() throws Exception {
        server.stubFor(post("/b/chat").willReturn(sseAnswer(sse("{\"text\":\"Hi\"}", "{\"finish\":\"stop\"}"))));
        aliases.bind("chat", "a:m1", "b:m2");
        try (StallingServer stalling = new StallingServer(StallingServer.SSE_HEADERS + ": keep-alive\n\n");
                LlmRing ring = realTimeRing(stalling)
                        .baseUrl("b", base())
                        .timeouts(ROOMY.toBuilder().streamIdle(ms(300)).build())
                        .retryPolicy(RetryPolicy.none())
                        .build();
                ChatStream stream = ring.stream(request("chat"))) {
            RoutingTrace.Attempt first = stream.response().trace().attempts().get(0);
            assertTrue(first.reason().orElseThrow().contains("silent"), first.toString());
        }
    }

    @Test
    void aStreamSilentAfterContentEndsWithAnIdleTimeout() throws Exception {
        try (StallingServer stalling = new StallingServer(StallingServer.SSE_HEADERS + "data: {\"text\":\"Hel\"}\n\n");
                LlmRing ring = realTimeRing(stalling)
                        .timeouts(ROOMY.toBuilder().streamIdle(ms(150)).build())
                        .build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            var events = stream.iterator();
            assertEquals(new StreamEvent.TextDelta("Hel"), events.next());
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, events::hasNext);
            assertEquals(LlmRingTimeoutException.Kind.IDLE, e.kind());
            assertEquals(1, stalling.requests.get());
            assertTrue(stalling.clientClosed.await(10, TimeUnit.SECONDS), "the exchange was aborted");
        }
    }

    @Test
    void aConnectionRefusedIsAConnectionException() {
        LlmRing.Builder b = ring().baseUrl("a", java.net.URI.create("http://127.0.0.1:1"))
                .retryPolicy(RetryPolicy.none())
                .environment(Map.<String, String>of()::get);
        try (LlmRing ring = b.build()) {
            ConnectionException e = assertThrows(ConnectionException.class, () -> ring.chat(request("a:m1")));
            assertTrue(e.isRetryable());
        }
    }
}
