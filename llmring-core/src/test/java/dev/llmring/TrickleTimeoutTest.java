package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Servers that send a byte every few milliseconds but never complete a frame: the stream bounds count complete frames
 * (SSE events, CRLF-framed SSE events, NDJSON lines), so the trickle ends in a {@code FIRST_EVENT} or {@code IDLE}
 * timeout, and a non-streamed body that trickles ends in the {@code ATTEMPT} timeout. The deadline is far enough that
 * a bound restarted by bytes would end in {@code DEADLINE} instead, and the test would fail on the kind.
 */
class TrickleTimeoutTest extends WireMockSupport {
    private static final long PERIOD = 10;
    private static final Timeouts BOUNDS = Timeouts.defaults().toBuilder()
            .attempt(ms(300))
            .streamFirstEvent(ms(300))
            .streamIdle(ms(300))
            .deadline(Duration.ofSeconds(20))
            .build();
    private static final String SSE = StallingServer.SSE_HEADERS;
    private static final String NDJSON =
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n";

    private LlmRing.Builder ringOn(TricklingServer trickling) {
        return ring().clock(Clock.systemUTC())
                .timeouts(BOUNDS)
                .retryPolicy(RetryPolicy.none())
                .baseUrl("a", trickling.base())
                .provider(ndjson("n"))
                .apiKey("n", KEY)
                .baseUrl("n", trickling.base());
    }

    private LlmRingTimeoutException.Kind streamTimeout(TricklingServer trickling, String model) {
        try (LlmRing ring = ringOn(trickling).build()) {
            return assertThrows(LlmRingTimeoutException.class, () -> ring.stream(request(model)))
                    .kind();
        }
    }

    private LlmRingTimeoutException.Kind timeoutAfterContent(TricklingServer trickling, String model) {
        try (LlmRing ring = ringOn(trickling).build();
                ChatStream stream = ring.stream(request(model))) {
            Iterator<StreamEvent> events = stream.iterator();
            assertEquals(new StreamEvent.TextDelta("Hel"), events.next());
            return assertThrows(LlmRingTimeoutException.class, events::hasNext).kind();
        }
    }

    @Test
    void anSseLineTrickledBeforeContentEndsInTheFirstEventTimeout() throws Exception {
        try (TricklingServer trickling = new TricklingServer(SSE, "data: {\"text\":\"aaaaaaaa", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.FIRST_EVENT, streamTimeout(trickling, "a:m1"));
            assertTrue(trickling.clientClosed.await(10, TimeUnit.SECONDS), "the exchange was aborted");
        }
    }

    @Test
    void crlfLinesThatNeverEndAnEventEndInTheFirstEventTimeout() throws Exception {
        // every line completes (CRLF), but no blank line ever dispatches an event
        try (TricklingServer trickling = new TricklingServer(SSE, "data: {}\r\n", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.FIRST_EVENT, streamTimeout(trickling, "a:m1"));
        }
    }

    @Test
    void anNdjsonLineTrickledBeforeContentEndsInTheFirstEventTimeout() throws Exception {
        try (TricklingServer trickling = new TricklingServer(NDJSON, "{\"text\":\"aaaaaaaa", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.FIRST_EVENT, streamTimeout(trickling, "n:m1"));
        }
    }

    @Test
    void aTrickleBeforeContentFailsOverToTheNextBinding() throws Exception {
        server.stubFor(post("/b/chat").willReturn(sseAnswer(sse("{\"text\":\"Hi\"}", "{\"finish\":\"stop\"}"))));
        aliases.bind("chat", "a:m1", "b:m2");
        try (TricklingServer trickling = new TricklingServer(SSE, "data: {\"text\":\"aaaaaaaa", PERIOD);
                LlmRing ring = ringOn(trickling)
                        .baseUrl("b", base())
                        .timeouts(BOUNDS.toBuilder()
                                .streamFirstEvent(Duration.ofSeconds(1))
                                .build())
                        .build();
                ChatStream stream = ring.stream(request("chat"))) {
            ChatResponse r = stream.response();
            assertEquals("Hi", r.text());
            RoutingTrace.Attempt first = r.trace().attempts().get(0);
            assertTrue(first.reason().orElseThrow().contains("no stream event within 1000 ms"), first.toString());
        }
    }

    @Test
    void anSseEventTrickledAfterContentEndsInTheIdleTimeout() throws Exception {
        String prefix = SSE + "data: {\"text\":\"Hel\"}\n\n";
        try (TricklingServer trickling = new TricklingServer(prefix, "data: {\"text\":\"aaaaaaaa", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.IDLE, timeoutAfterContent(trickling, "a:m1"));
            assertTrue(trickling.clientClosed.await(10, TimeUnit.SECONDS), "the exchange was aborted");
        }
    }

    @Test
    void crlfFramedEventTrickledAfterContentEndsInTheIdleTimeout() throws Exception {
        String prefix = SSE + "data: {\"text\":\"Hel\"}\r\n\r\n";
        try (TricklingServer trickling = new TricklingServer(prefix, "data: {}\r\n", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.IDLE, timeoutAfterContent(trickling, "a:m1"));
        }
    }

    @Test
    void anNdjsonLineTrickledAfterContentEndsInTheIdleTimeout() throws Exception {
        String prefix = NDJSON + "{\"text\":\"Hel\"}\n";
        try (TricklingServer trickling = new TricklingServer(prefix, "{\"text\":\"aaaaaaaa", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.IDLE, timeoutAfterContent(trickling, "n:m1"));
        }
    }

    @Test
    void keepAliveCommentsKeepAStreamAliveUntilTheDeadline() throws Exception {
        // an empty comment line every two bytes: a complete frame every ~20 ms, far inside the 1 s idle bound, so
        // only the deadline can end this stream
        String prefix = SSE + "data: {\"text\":\"Hel\"}\n\n";
        try (TricklingServer trickling = new TricklingServer(prefix, ":\n", PERIOD);
                LlmRing ring = ringOn(trickling)
                        .timeouts(BOUNDS.toBuilder()
                                .streamIdle(Duration.ofSeconds(1))
                                .deadline(Duration.ofMillis(2500))
                                .build())
                        .build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            Iterator<StreamEvent> events = stream.iterator();
            events.next();
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, events::hasNext);
            assertEquals(LlmRingTimeoutException.Kind.DEADLINE, e.kind());
        }
    }

    @Test
    void aTricklingNonStreamedBodyEndsInTheAttemptTimeout() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[";
        try (TricklingServer trickling = new TricklingServer(head, " ", PERIOD);
                LlmRing ring = ringOn(trickling).build()) {
            LlmRingTimeoutException e = assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request("a:m1")));
            assertEquals(LlmRingTimeoutException.Kind.ATTEMPT, e.kind());
            assertTrue(trickling.clientClosed.await(10, TimeUnit.SECONDS), "the exchange was aborted");
        }
    }

    @Test
    void aTricklingErrorBodyOnAStreamEndsInTheFirstEventTimeout() throws Exception {
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 100000"
                + "\r\n\r\n{";
        try (TricklingServer trickling = new TricklingServer(head, " ", PERIOD)) {
            assertEquals(LlmRingTimeoutException.Kind.FIRST_EVENT, streamTimeout(trickling, "a:m1"));
        }
    }
}
