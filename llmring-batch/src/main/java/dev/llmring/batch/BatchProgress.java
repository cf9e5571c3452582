package dev.llmring.batch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a run stands, as handed to the progress callback ({@link BatchRunner.Builder#progress}). Counts are of input
 * lines (blank lines are not counted). Immutable.
 */
public final class BatchProgress {
    private final long total;
    private final long done;
    private final long ok;
    private final long failed;
    private final long skipped;
    private final long inFlight;
    private final BigDecimal cost;
    private final Duration elapsed;
    private final boolean finished;

    BatchProgress(
            long total,
            long done,
            long ok,
            long failed,
            long skipped,
            long inFlight,
            BigDecimal cost,
            Duration elapsed,
            boolean finished) {
        this.total = total;
        this.done = done;
        this.ok = ok;
        this.failed = failed;
        this.skipped = skipped;
        this.inFlight = inFlight;
        this.cost = Objects.requireNonNull(cost, "cost");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.finished = finished;
    }

    /**
     * The lines of the input.
     *
     * @return the number of input lines (blank lines not counted)
     */
    public long total() {
        return total;
    }

    /**
     * The lines with an outcome: done in an earlier run, or answered, failed or skipped in this one.
     *
     * @return the lines with an outcome so far
     */
    public long done() {
        return done;
    }

    /**
     * Lines answered in this run.
     *
     * @return the lines answered in this run
     */
    public long ok() {
        return ok;
    }

    /**
     * Lines that failed in this run (provider errors and unreadable lines).
     *
     * @return the lines that failed in this run
     */
    public long failed() {
        return failed;
    }

    /**
     * Lines skipped in this run (budget, unpriced).
     *
     * @return the lines skipped in this run
     */
    public long skipped() {
        return skipped;
    }

    /**
     * Requests sent and not yet answered.
     *
     * @return the requests in flight now
     */
    public long inFlight() {
        return inFlight;
    }

    /**
     * What this run has cost so far, in US dollars (as {@link BatchSummary#cost()} counts it).
     *
     * @return the cost so far in US dollars, zero when nothing was priced
     */
    public BigDecimal cost() {
        return cost;
    }

    /**
     * Time since the run started.
     *
     * @return the time since the run started
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Lines finished in this run per second of it.
     *
     * @return lines per second, 0 before any time has passed
     */
    public double rate() {
        return perSecond(ok + failed + skipped, elapsed);
    }

    static double perSecond(long lines, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : lines / seconds;
    }

    /**
     * The estimated time to the end at the current rate; {@link Duration#ZERO} when unknown (no rate yet) or done.
     *
     * @return the estimated time left, or zero
     */
    public Duration eta() {
        double rate = rate();
        long left = total - done;
        if (rate <= 0 || left <= 0) return Duration.ZERO;
        return Duration.ofMillis((long) (left / rate * 1000));
    }

    /**
     * Whether this is the last report of the run.
     *
     * @return true for the report sent once the run has ended
     */
    public boolean finished() {
        return finished;
    }

    /** Done / total, the counts and the cost, on one line. */
    @Override
    public String toString() {
        return done + "/" + total + " (ok " + ok + ", failed " + failed + ", skipped " + skipped + ", in flight "
                + inFlight + "), $" + dev.llmring.Cost.display(cost) + ", " + elapsed.toMillis() + " ms";
    }
}
