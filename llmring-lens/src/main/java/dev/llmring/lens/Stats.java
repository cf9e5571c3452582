package dev.llmring.lens;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What the measured requests of one target (or one sweep step of it) add up to: HdrHistograms in microseconds
 * (values above ten minutes count as ten minutes), counts, tokens, cost, and a bounded sample of points for the
 * latency-over-time chart. Requests are recorded from worker threads; inter-token gaps as they happen, the rest when
 * the request ends.
 */
final class Stats {
    static final long HIGHEST_MICROS = 600_000_000L;
    private static final int POINTS = 4000;

    final AbstractHistogram ttft = histogram();
    final AbstractHistogram ttftService = histogram();
    final AbstractHistogram e2e = histogram();
    final AbstractHistogram e2eService = histogram();
    final AbstractHistogram tpot = histogram();
    final AbstractHistogram lag = histogram();
    final AbstractHistogram itl = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    long requests;
    long succeeded;
    long good;
    long inputTokens;
    long outputTokens;
    boolean estimated;
    long priced;
    long pricedOutputTokens;
    BigDecimal cost = BigDecimal.ZERO;
    long firstScheduled = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;
    final Map<String, Long> errors = new TreeMap<>();
    final Map<String, Long> bindings = new TreeMap<>();

    /** Up to {@value #POINTS} (scheduled, e2e, ttft) points, a uniform sample of all (reservoir). */
    final List<long[]> points = new ArrayList<>();

    private final Random reservoir = new Random(7);

    private static AbstractHistogram histogram() {
        return new IntCountsHistogram(HIGHEST_MICROS, 3);
    }

    static void record(AbstractHistogram h, long nanos) {
        if (nanos < 0) return;
        h.recordValue(Math.min(HIGHEST_MICROS, nanos / 1000));
    }

    /** An inter-token gap, from a worker thread while its stream runs. */
    void gap(long nanos) {
        record(itl, nanos);
    }

    synchronized void add(Sample s, Slo slo) {
        requests++;
        firstScheduled = Math.min(firstScheduled, s.scheduled());
        lastEnd = Math.max(lastEnd, s.end());
        record(lag, s.lag());
        if (!s.ok()) {
            errors.merge(s.errorType(), 1L, Long::sum);
            return;
        }
        succeeded++;
        if (s.binding() != null) bindings.merge(s.binding(), 1L, Long::sum);
        record(ttft, s.ttft());
        record(ttftService, s.ttftService());
        record(e2e, s.e2e());
        record(e2eService, s.e2eService());
        record(tpot, s.tpot());
        if (slo.good(s.ttft(), s.e2e(), s.tpot())) good++;
        inputTokens += s.inputTokens();
        outputTokens += s.outputTokens();
        estimated |= s.estimated();
        if (s.cost() != null) {
            priced++;
            pricedOutputTokens += s.outputTokens();
            cost = cost.add(s.cost());
        }
        long[] point = {s.scheduled(), s.e2e(), s.ttft()};
        if (points.size() < POINTS) {
            points.add(point);
        } else {
            long slot = (long) (reservoir.nextDouble() * succeeded);
            if (slot < POINTS) points.set((int) slot, point);
        }
    }

    synchronized double errorRate() {
        return requests == 0 ? 0 : (double) (requests - succeeded) / requests;
    }
}
