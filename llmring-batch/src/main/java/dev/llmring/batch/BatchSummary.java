package dev.llmring.batch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/** How a run ended: counts, tokens, cost, time, and why it stopped if it did. Immutable. */
public final class BatchSummary {
    /** Why a run ended before every line had an outcome. */
    public enum Stop {
        /** It did not: every line was read. */
        NONE,
        /** The budget could not fit the next request; the rest were recorded skipped. */
        BUDGET,
        /** {@link BatchRunner#stop()} was called (a signal). */
        SIGNAL,
        /** A line failed and the run was to stop at the first failure. */
        FAIL_FAST,
        /**
         * Provider mode without waiting: batch jobs were left running at the provider; rerun the same command to
         * collect them.
         */
        PENDING
    }

    private final long lines;
    private final long alreadyDone;
    private final long ok;
    private final long failed;
    private final long skipped;
    private final long inputTokens;
    private final long outputTokens;
    private final BigDecimal cost;
    private final BigDecimal paidBefore;
    private final long unpricedAnswers;
    private final Duration elapsed;
    private final Stop stop;

    BatchSummary(
            long lines,
            long alreadyDone,
            long ok,
            long failed,
            long skipped,
            long inputTokens,
            long outputTokens,
            BigDecimal cost,
            BigDecimal paidBefore,
            long unpricedAnswers,
            Duration elapsed,
            Stop stop) {
        this.lines = lines;
        this.alreadyDone = alreadyDone;
        this.ok = ok;
        this.failed = failed;
        this.skipped = skipped;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.cost = Objects.requireNonNull(cost, "cost");
        this.paidBefore = Objects.requireNonNull(paidBefore, "paidBefore");
        this.unpricedAnswers = unpricedAnswers;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /**
     * Input lines (blank lines not counted).
     *
     * @return the number of input lines
     */
    public long lines() {
        return lines;
    }

    /**
     * Lines skipped because an earlier run had finished them.
     *
     * @return the lines an earlier run had finished
     */
    public long alreadyDone() {
        return alreadyDone;
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
     * Lines that failed in this run: provider errors and unreadable lines.
     *
     * @return the lines that failed in this run
     */
    public long failed() {
        return failed;
    }

    /**
     * Lines recorded skipped in this run (budget, unpriced).
     *
     * @return the lines recorded skipped in this run
     */
    public long skipped() {
        return skipped;
    }

    /**
     * Input tokens of this run's answers, as the providers reported them.
     *
     * @return the input tokens of this run's answers
     */
    public long inputTokens() {
        return inputTokens;
    }

    /**
     * Output tokens of this run's answers, as the providers reported them.
     *
     * @return the output tokens of this run's answers
     */
    public long outputTokens() {
        return outputTokens;
    }

    /**
     * What this run's answers cost, in US dollars: priced answers at their cost, answers the registry could not price
     * at the worst case reserved for them (zero without a cost limit).
     *
     * @return this run's cost in US dollars, zero when nothing was priced
     */
    public BigDecimal cost() {
        return cost;
    }

    /**
     * What earlier runs on the same journal had paid, in US dollars.
     *
     * @return what earlier runs paid in US dollars, zero for a fresh journal
     */
    public BigDecimal paidBefore() {
        return paidBefore;
    }

    /**
     * Answers the registry could not price (counted in {@link #cost()} at their reservation).
     *
     * @return the number of answers without a price
     */
    public long unpricedAnswers() {
        return unpricedAnswers;
    }

    /**
     * How long the run took, from the first pass over the input to the output written.
     *
     * @return the run's duration
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Lines finished in this run per second.
     *
     * @return lines per second, 0 when no time passed
     */
    public double throughput() {
        return BatchProgress.perSecond(ok + failed + skipped, elapsed);
    }

    /**
     * Why the run ended before every line had an outcome, or {@link Stop#NONE}.
     *
     * @return why the run stopped early, or {@link Stop#NONE}
     */
    public Stop stop() {
        return stop;
    }

    /**
     * The command line's exit status for this run: 3 when it stopped (budget, signal), else 1 when any line failed
     * or was skipped in it, else 0.
     *
     * @return 0, 1 or 3
     */
    public int exitCode() {
        if (stop == Stop.BUDGET || stop == Stop.SIGNAL) return 3;
        return failed > 0 || skipped > 0 || stop == Stop.FAIL_FAST ? 1 : 0;
    }

    /** Counts, tokens, cost, time and the stop reason, on one line. */
    @Override
    public String toString() {
        return lines + " lines: " + ok + " ok, " + failed + " failed, " + skipped + " skipped, " + alreadyDone
                + " done before; " + inputTokens + " input + " + outputTokens + " output tokens; $"
                + dev.llmring.Cost.display(cost) + (unpricedAnswers > 0 ? " (+" + unpricedAnswers + " unpriced)" : "")
                + "; " + elapsed.toMillis() + " ms" + (stop == Stop.NONE ? "" : "; stopped: " + stop);
    }
}
