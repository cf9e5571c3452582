package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmring.ChatResponse;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingListener;
import dev.llmring.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lens reports what the server did. A loopback server ({@link FakeOpenAi}) is asked for a first token 50 ms after
 * each request arrives and then one every 20 ms, at 16 requests a second (about four streams at once), and it records
 * on {@link System#nanoTime()} (the lens's clock: same JVM) when it actually wrote each event. Each of the lens's
 * readings is compared with what the server really did, request by request and gap by gap: time to first token from
 * the request's send moment against the server's first-token write measured from that same moment, each inter-token
 * gap against the gap between the server's two writes. The server's own oversleeping is then no error of the
 * instrument.
 *
 * <p>What remains in a difference is the instrument's error plus the way of each event from the server's write to
 * the thread that reads the stream: the kernel, the HttpClient's selector thread, llmring's hand-over to the reading
 * thread, two thread wake-ups. On a quiet machine that is well under a millisecond. On an overloaded one (the shared
 * two-core build machine at a load average of 20 to 30) every wake-up waits for a CPU, milliseconds at the median and
 * tens at the tail, whoever reads the socket: there the differences measure the machine, not the lens. The server
 * measures that too: how late its own thread woke for each write. Hence:
 *
 * <ul>
 *   <li>against the server's writes, p50 and p99 each within ±2 ms, per request and per gap (and with the p99s,
 *       the reported p50 and p99 against the server's): judged when the server's own thread woke at most {@value #QUIET_MS} ms late
 *       at that percentile, else skipped (not passed) with the figures; with the medians, loosely, the injected
 *       values; with the p99s, the lens against llmring's own readings (below);
 *   <li>always: the clock starts before the request reaches the server and stops at the first token, never before
 *       the server wrote it (the first chunk, role and usage, came 50 ms earlier);
 *   <li>always: the medians are never below the injected values;
 *   <li>always: against the moments llmring's stream handed each token over (its own readings on the reading thread,
 *       microseconds from the lens's, with no wake-up between), the per-request medians within ±2 ms;
 *   <li>always: the reported percentiles are those of the lens's readings, to the histogram's precision.
 * </ul>
 *
 * Nothing here asserts how long anything took: only differences between readings of the same moments.
 */
class TimingAccuracyTest {
    private static final double TOLERANCE_MS = 2.0;
    private static final int REQUESTS = 200;
    private static final int TOKENS = 11;
    /** The server's own wake-up delay (p50, p99) up to which the machine counts as quiet enough to judge ±2 ms. */
    private static final double QUIET_MS = 0.5;

    private static final Map<Long, List<Long>> gaps = new ConcurrentHashMap<>();
    private static final List<Sample> samples = new ArrayList<>();
    private static final Map<String, Timing> streamTimings = new ConcurrentHashMap<>();
    private static Map<String, FakeOpenAi.Served> served;
    private static TargetSummary summary;

    @BeforeAll
    static void run() throws Exception {
        Lens.Tap tap = new Lens.Tap() {
            @Override
            public void gap(long seq, long nanos) {
                gaps.computeIfAbsent(seq, k -> new ArrayList<>()).add(nanos);
            }

            @Override
            public void sample(Sample sample) {
                synchronized (samples) {
                    samples.add(sample);
                }
            }
        };
        LlmRingListener timings = new LlmRingListener() {
            @Override
            public void callEnd(LlmRingListener.Call call, ChatResponse response) {
                response.requestId().ifPresent(id -> streamTimings.put(id, response.timing()));
            }
        };
        try (FakeOpenAi server = new FakeOpenAi(Duration.ofMillis(50), Duration.ofMillis(20), TOKENS);
                LlmRing ring = server.builder().listener(timings).build()) {
            // a first, unmeasured run compiles the code of both ends (the JIT's work would count as error)
            Lens.builder(ring)
                    .target("openai:m1")
                    .profile(LoadProfile.constant(40))
                    .requests(100)
                    .warmup(0)
                    .build()
                    .run();
            summary = Lens.builder(ring)
                    .target("openai:m1")
                    .profile(LoadProfile.constant(16))
                    .requests(REQUESTS)
                    .warmup(5)
                    .maxRequests(REQUESTS + 5)
                    .tap(tap)
                    .build()
                    .run()
                    .targets()
                    .get(0);
            served = Map.copyOf(server.served);
        }
    }

    // ---- against the server's writes (judged where the machine let its threads wake on time) ----

    @Test
    void atTheMedianTimeToFirstTokenAndEveryGapAreWhatTheServerDid() {
        String shown = figures();
        System.out.println(shown);
        assumeTrue(
                percentile(serverLateness(), 50) <= QUIET_MS,
                "too busy a machine to judge medians to ±2 ms (its threads wake late): " + shown);
        assertTrue(percentile(abs(ttftErrors()), 50) <= TOLERANCE_MS, shown);
        assertTrue(percentile(abs(gapErrors()), 50) <= TOLERANCE_MS, shown);
        // not the reported median against the server's: the few requests delivered late (a busy machine passes the
        // gate at its median, not at its tail) shift the median of the whole (by 3.6 ms once, the per-request
        // median error being 0.8 ms); on a quiet machine the tail test compares the reported p50 and p99 too.
        // And, loosely, the injected values (the server's sleep(50) and the request's way there add to TTFT):
        assertTrue(ms(summary.ttftService().p50()) <= 50 + 15, shown);
        assertEquals(20, ms(summary.itl().p50()), TOLERANCE_MS, shown);
    }

    @Test
    void atTheTailTimeToFirstTokenAndEveryGapAreWhatTheServerDid() {
        String shown = figures();
        assumeTrue(
                percentile(serverLateness(), 99) <= QUIET_MS,
                "too busy a machine to judge p99s to ±2 ms (its threads wake late): " + shown);
        assertTrue(percentile(abs(ttftErrors()), 99) <= TOLERANCE_MS, shown);
        assertTrue(percentile(abs(gapErrors()), 99) <= TOLERANCE_MS, shown);
        assertEquals(percentile(serverTtft(), 50), ms(summary.ttftService().p50()), TOLERANCE_MS, shown);
        assertEquals(percentile(serverGaps(), 50), ms(summary.itl().p50()), TOLERANCE_MS, shown);
        assertEquals(percentile(serverTtft(), 99), ms(summary.ttftService().p99()), TOLERANCE_MS, shown);
        assertEquals(percentile(serverGaps(), 99), ms(summary.itl().p99()), TOLERANCE_MS, shown);
        assertTrue(percentile(abs(streamTtftErrors()), 99) <= TOLERANCE_MS, shown);
        assertTrue(percentile(abs(streamMaxGapErrors()), 99) <= TOLERANCE_MS, shown);
    }

    // ---- always ----

    @Test
    void theClockStartsBeforeTheRequestArrivesAndStopsAtTheFirstTokenNotTheFirstEvent() {
        for (Sample s : samples) {
            FakeOpenAi.Served what = served(s);
            assertTrue(s.sent() <= what.arrived(), "the clock started after the request arrived: " + s);
            // the first chunk (role and usage) came 50 ms before the first token
            assertTrue(s.firstToken() >= what.tokens()[0], "the first token was read before it was written: " + s);
            assertTrue(s.scheduled() <= s.sent(), "sent before its scheduled time: " + s);
        }
    }

    @Test
    void theMediansAreNeverBelowTheInjectedDelays() {
        assertTrue(
                ms(summary.ttftService().p50()) >= 50 - TOLERANCE_MS,
                summary.ttftService().toString());
        assertTrue(ms(summary.itl().p50()) >= 20 - TOLERANCE_MS, summary.itl().toString());
    }

    @Test
    void theLensReadsEachTokenWhereTheStreamHandsItOver() {
        // llmring's own readings of the same moments on the same thread: no wake-up between the two
        String shown = "TTFT − stream's: " + describe(streamTtftErrors()) + "; max gap − stream's: "
                + describe(streamMaxGapErrors()) + "; mean gap − stream's: " + describe(streamMeanGapErrors());
        System.out.println(shown);
        assertTrue(percentile(abs(streamTtftErrors()), 50) <= TOLERANCE_MS, shown);
        assertTrue(percentile(abs(streamMaxGapErrors()), 50) <= TOLERANCE_MS, shown);
        assertTrue(percentile(abs(streamMeanGapErrors()), 50) <= TOLERANCE_MS, shown);
        for (Sample s : samples) assertEquals(timing(s).interTokenGaps(), s.gaps(), s.toString());
    }

    @Test
    void theReportedPercentilesAreThoseOfTheLensReadings() {
        double[] ttft = perRequest(s -> ms(s.ttftService()));
        double[] itl = gaps.values().stream()
                .flatMap(List::stream)
                .mapToDouble(n -> ms(n))
                .toArray();
        for (double p : new double[] {50, 90, 95, 99, 99.9, 100}) {
            assertHistogramValue(percentile(ttft, p), ms(at(summary.ttftService(), p)), "TTFT p" + p);
            assertHistogramValue(percentile(itl, p), ms(at(summary.itl(), p)), "ITL p" + p);
        }
    }

    @Test
    void warmUpRequestsAreExcluded() {
        assertEquals(REQUESTS, summary.requests());
        assertEquals(REQUESTS, samples.size());
        assertEquals(REQUESTS * (TOKENS - 1), summary.itl().count());
    }

    // ---- helpers ----

    private static FakeOpenAi.Served served(Sample s) {
        FakeOpenAi.Served what = served.get(s.requestId());
        assertNotNull(what, "no server record of " + s.requestId());
        return what;
    }

    private static Timing timing(Sample s) {
        Timing t = streamTimings.get(s.requestId());
        assertNotNull(t, "no stream timing of " + s.requestId());
        return t;
    }

    private static double[] perRequest(ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).toArray();
    }

    /** Per request: the lens's TTFT minus the server's first-token write, both from the lens's send moment. */
    private static double[] ttftErrors() {
        return perRequest(s -> ms(s.ttftService() - (served(s).tokens()[0] - s.sent())));
    }

    /** Per request: the lens's TTFT minus llmring's own (same thread, from its call's start). */
    private static double[] streamTtftErrors() {
        return perRequest(
                s -> ms(s.ttftService()) - ms(timing(s).timeToFirstToken().orElseThrow()));
    }

    /** Per request: the lens's largest gap minus llmring's (exact, same thread). */
    private static double[] streamMaxGapErrors() {
        return perRequest(s ->
                ms(gaps.get(s.seq()).stream().mapToLong(Long::longValue).max().orElseThrow())
                        - ms(timing(s).interTokenMax().orElseThrow()));
    }

    /** Per request: the lens's mean gap minus llmring's (exact, same thread). */
    private static double[] streamMeanGapErrors() {
        return perRequest(
                s -> ms(s.gapNanos() / s.gaps()) - ms(timing(s).interTokenMean().orElseThrow()));
    }

    /** Everything measured against the server, for messages. */
    private static String figures() {
        return "TTFT − server: " + describe(ttftErrors()) + "; gap − server: " + describe(gapErrors())
                + "; server's thread woke late: " + describe(serverLateness()) + "; reported TTFT "
                + summary.ttftService() + ", ITL " + summary.itl();
    }

    /** Per request: the server's first-token write from the lens's send moment. */
    private static double[] serverTtft() {
        return perRequest(s -> ms(served(s).tokens()[0] - s.sent()));
    }

    /** Per token: how late the server's thread woke up to write it. */
    private static double[] serverLateness() {
        List<Double> all = new ArrayList<>();
        for (Sample s : samples) {
            FakeOpenAi.Served what = served(s);
            for (int i = 0; i < what.tokens().length; i++) all.add(ms(what.tokens()[i] - what.due()[i]));
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Per gap: the lens's gap minus the gap between the server's two writes. */
    private static double[] gapErrors() {
        List<Double> errors = new ArrayList<>();
        for (Sample s : samples) {
            long[] written = served(s).tokens();
            List<Long> measured = gaps.get(s.seq());
            assertEquals(written.length - 1, measured.size(), "gaps of " + s.requestId());
            for (int i = 0; i < measured.size(); i++) {
                errors.add(ms(measured.get(i) - (written[i + 1] - written[i])));
            }
        }
        return errors.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] serverGaps() {
        List<Double> all = new ArrayList<>();
        for (Sample s : samples) {
            long[] w = served(s).tokens();
            for (int i = 1; i < w.length; i++) all.add(ms(w[i] - w[i - 1]));
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Duration at(Percentiles p, double percentile) {
        if (percentile == 50) return p.p50();
        if (percentile == 90) return p.p90();
        if (percentile == 95) return p.p95();
        if (percentile == 99) return p.p99();
        if (percentile == 99.9) return p.p999();
        return p.max();
    }

    /** HdrHistogram at three significant digits, in whole microseconds: within 0.1% and 1 µs of the value. */
    private static void assertHistogramValue(double expected, double reported, String what) {
        assertEquals(expected, reported, expected * 0.001 + 0.002, what);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double ms(Duration d) {
        return LensReport.ms(d);
    }

    /** The nearest-rank percentile of {@code values} (100: the maximum). */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length / 100 - 1e-9) - 1)];
    }

    private static double[] abs(double[] values) {
        return Arrays.stream(values).map(Math::abs).toArray();
    }

    private static String describe(double[] values) {
        double[] a = abs(values);
        return String.format(
                Locale.ROOT,
                "n=%d |p50| %.3f |p99| %.3f |max| %.3f ms (min %.3f, max %.3f)",
                values.length,
                percentile(a, 50),
                percentile(a, 99),
                percentile(a, 100),
                percentile(values, 0.0001),
                percentile(values, 100));
    }
}
