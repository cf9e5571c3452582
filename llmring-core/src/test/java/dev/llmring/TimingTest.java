package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every response carries its {@link Timing}. The client runs on fake time here, and the test moves the clock while it
 * takes events from the stream, so every figure is exact.
 */
class TimingTest extends WireMockSupport {
    private static final String FOUR_TOKENS = sse(
            "{\"text\":\"a\"}",
            "{\"text\":\"b\"}",
            "{\"text\":\"c\"}",
            "{\"text\":\"d\"}",
            "{\"usage\":{\"in\":3,\"out\":8}}",
            "{\"finish\":\"stop\"}");

    /** Streams {@code a:m1}, moving the clock {@code step} after each event the caller takes. */
    private ChatResponse streamStepping(LlmRing ring, Duration step) {
        try (ChatStream stream = ring.stream(request("a:m1"))) {
            for (StreamEvent ignored : stream) time.advance(step);
            return stream.response();
        }
    }

    @Test
    void aStreamReportsTimeToFirstTokenGapsAndTotal() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(FOUR_TOKENS)));
        try (LlmRing ring = ring().build()) {
            Timing t = streamStepping(ring, ms(20)).timing();
            assertEquals(Duration.ZERO, t.timeToFirstToken().orElseThrow());
            assertEquals(Duration.ZERO, t.timeToFirstEvent().orElseThrow());
            assertEquals(4, t.tokenEvents());
            assertEquals(3, t.interTokenGaps());
            assertEquals(ms(20), t.interTokenMean().orElseThrow());
            assertEquals(ms(20), t.interTokenP50().orElseThrow());
            assertEquals(ms(20), t.interTokenP99().orElseThrow());
            assertEquals(ms(20), t.interTokenMax().orElseThrow());
            assertEquals(ms(120), t.total()); // six events, the clock moved after each
        }
    }

    @Test
    void outputTokensPerSecondComeFromTheProvidersUsage() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(FOUR_TOKENS)));
        try (LlmRing ring = ring().build()) {
            Timing t = streamStepping(ring, ms(100)).timing();
            assertEquals(8, t.outputTokens());
            assertFalse(t.outputTokensEstimated());
            assertEquals(8 / 0.6, t.outputTokensPerSecond().orElseThrow(), 1e-9);
        }
    }

    @Test
    void withoutUsageTheTokenEventsStandInAndAreMarkedEstimated() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(sse("{\"text\":\"a\"}", "{\"text\":\"b\"}", "{\"finish\":\"stop\"}"))));
        try (LlmRing ring = ring().build()) {
            Timing t = streamStepping(ring, ms(10)).timing();
            assertEquals(2, t.outputTokens());
            assertTrue(t.outputTokensEstimated());
        }
    }

    @Test
    void aCallThatWasNotStreamedHasATotalButNoFirstToken() {
        server.stubFor(post("/a/chat").willReturn(answer("hi")));
        try (LlmRing ring = ring().build()) {
            Timing t = ring.chat(request("a:m1")).timing();
            assertTrue(t.timeToFirstToken().isEmpty());
            assertTrue(t.interTokenP50().isEmpty());
            assertEquals(0, t.tokenEvents());
            assertEquals(5, t.outputTokens());
            assertFalse(t.outputTokensEstimated());
        }
    }

    @Test
    void listenersSeeTheTimingInCallEnd() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(FOUR_TOKENS)));
        AtomicReference<Timing> seen = new AtomicReference<>();
        LlmRingListener listener = new LlmRingListener() {
            @Override
            public void callEnd(Call call, ChatResponse response) {
                seen.set(response.timing());
            }
        };
        try (LlmRing ring = ring().listener(listener).build()) {
            ChatResponse r = streamStepping(ring, ms(5));
            assertSame(r.timing(), seen.get());
        }
    }

    @Test
    void everyBucketMidpointFallsInItsOwnBucket() {
        for (int i = 0; i < 896; i++) {
            assertEquals(i, GapHistogram.index(GapHistogram.midpointMicros(i)), "bucket " + i);
        }
    }

    @Test
    void aBucketMidpointIsWithinTwoPercentOfTheValue() {
        for (long micros = 1; micros < 4_000_000_000L; micros = micros * 11 / 10 + 1) {
            long mid = GapHistogram.midpointMicros(GapHistogram.index(micros));
            assertTrue(Math.abs(mid - micros) <= micros * 0.02, micros + " -> " + mid);
        }
    }

    @Test
    void aStreamOfAHundredThousandGapsKeepsItsPercentiles() {
        GapHistogram h = new GapHistogram();
        for (int i = 0; i < 100_000; i++) h.record(i % 100 == 99 ? 50_000_000 : 20_000_000);
        assertEquals(100_000, h.count());
        assertEquals(20.0, h.percentileNanos(0.50) / 1e6, 20 * 0.02);
        assertEquals(50.0, h.percentileNanos(0.999) / 1e6, 50 * 0.02);
        assertEquals(50_000_000, h.maxNanos());
    }
}
