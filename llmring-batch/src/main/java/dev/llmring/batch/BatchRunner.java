package dev.llmring.batch;

import dev.llmring.LlmRing;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a batch: every line of a JSONL input through {@link LlmRing#chat}, {@code concurrency} at a time, so that the
 * router's retries, failover and deadlines apply to each line. Each outcome is journaled before it is written to the
 * output, so a rerun with the same state directory skips what is done and never pays twice for a finished line; the
 * output is derived from the journal and never holds a duplicate {@code custom_id} or a torn line. See
 * {@code docs/batch.md}.
 *
 * <pre>{@code
 * try (LlmRing ring = LlmRing.builder().build()) {
 *     BatchSummary summary = BatchRunner.builder(ring)
 *             .input(Path.of("prompts.jsonl"))
 *             .output(Path.of("answers.jsonl"))
 *             .concurrency(16)
 *             .maxCost(new BigDecimal("25.00"))
 *             .build()
 *             .run();
 *     System.err.println(summary);
 * }
 * }</pre>
 *
 * <p>A runner runs once; {@link #stop()} and {@link #abort()} may be called from any thread (a signal handler).
 */
public final class BatchRunner {
    private final Settings settings;
    private final AtomicReference<@Nullable Run> current = new AtomicReference<>();
    private volatile boolean stopEarly;
    private volatile boolean started;

    private BatchRunner(Settings settings) {
        this.settings = settings;
    }

    /**
     * A builder of a runner sending through {@code ring} (which the runner does not close).
     *
     * @param ring the client every line is sent through
     * @return a new builder
     */
    public static Builder builder(LlmRing ring) {
        return new Builder(Objects.requireNonNull(ring, "ring"));
    }

    /**
     * Runs the batch to its end, or until stopped. Before anything is sent, the input is read once through: duplicate
     * {@code custom_id}s, and lines done in an earlier run whose request changed (unless {@link Builder#force}), end
     * the run with nothing sent.
     *
     * @return the summary; {@link BatchSummary#exitCode()} is the command line's status
     * @throws BatchInputException when the input cannot be run (duplicate ids, changed requests)
     * @throws IllegalStateException when the runner has run already, or another run holds the state directory
     * @throws java.io.UncheckedIOException when the input, journal or output cannot be read or written
     */
    public BatchSummary run() {
        synchronized (this) {
            if (started) throw new IllegalStateException("a BatchRunner runs once");
            started = true;
        }
        Journal journal = settings.journal != null
                ? settings.journal
                : Journal.inDirectory(settings.state, settings.syncInterval);
        Run run = new Run(settings, journal);
        current.set(run);
        if (stopEarly) run.stop();
        try {
            return run.execute();
        } finally {
            current.set(null);
        }
    }

    /**
     * Stops the run gracefully: no new line is taken, requests in flight may finish within the grace period (then they
     * are abandoned, and sent again by the next run), the output is flushed, and {@link #run()} returns with
     * {@link BatchSummary.Stop#SIGNAL}. Idempotent.
     */
    public void stop() {
        stopEarly = true;
        Run run = current.get();
        if (run != null) run.stop();
    }

    /**
     * Stops at once: nothing more is journaled or written, and the journal is synced. The journal is consistent
     * (every entry whole); answers still in flight are lost and sent again by the next run. Meant to be followed by
     * the process exiting (a second signal); {@link #run()} returns when its threads notice.
     */
    public void abort() {
        stopEarly = true;
        Run run = current.get();
        if (run != null) run.abort();
    }

    /** The configuration of a runner. */
    static final class Settings {
        final LlmRing ring;

        @Nullable
        LineSource input;

        /** The input's path when it is a file (provider mode records it for {@code batch collect}). */
        @Nullable
        Path inputPath;

        @Nullable
        Path output;

        @Nullable
        Path state;

        @Nullable
        Journal journal;

        @Nullable
        String alias;

        int concurrency = 8;
        boolean ordered;
        int window;

        @Nullable
        BigDecimal maxCost;

        boolean allowUnpriced;
        boolean retryFailed;
        boolean force;
        boolean failFast;
        Consumer<BatchProgress> progress = p -> {};
        Duration progressInterval = Duration.ofSeconds(1);
        Duration grace = Duration.ofSeconds(30);
        Duration rateLimitPause = Duration.ofSeconds(1);
        int rateLimitRequeues = 3;
        Duration syncInterval = Duration.ofSeconds(1);
        Clock clock = Clock.systemUTC();

        @Nullable
        ProviderBatch providerMode;

        Settings(LlmRing ring) {
            this.ring = ring;
        }

        LineSource input() {
            return Objects.requireNonNull(input, "input");
        }

        Path output() {
            return Objects.requireNonNull(output, "output");
        }
    }

    /** Builds a {@link BatchRunner}. Setters validate at once and name the bad value. */
    public static final class Builder {
        private final Settings s;

        private Builder(LlmRing ring) {
            this.s = new Settings(ring);
        }

        /**
         * The input file (JSONL). Required, or {@link #input(LineSource)}.
         *
         * @param path the JSONL file (must exist)
         * @return this builder
         * @throws IllegalArgumentException when the file does not exist
         */
        public Builder input(Path path) {
            s.input = LineSource.file(path);
            s.inputPath = path.toAbsolutePath();
            return this;
        }

        /**
         * Where the input lines come from, instead of a file.
         *
         * @param source the source of the lines
         * @return this builder
         */
        public Builder input(LineSource source) {
            s.input = Objects.requireNonNull(source, "source");
            s.inputPath = null;
            return this;
        }

        /**
         * The output file (JSONL), one record per {@code custom_id}. Required.
         *
         * @param path the output file (created or rewritten)
         * @return this builder
         */
        public Builder output(Path path) {
            s.output = Objects.requireNonNull(path, "path").toAbsolutePath();
            return this;
        }

        /**
         * The state directory holding the journal. Default: the output's path with {@code .state} appended.
         *
         * @param directory the state directory (created when missing)
         * @return this builder
         */
        public Builder state(Path directory) {
            s.state = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /**
         * A journal of another kind than the state directory's file (a shared store).
         *
         * @param journal the journal; the runner closes it at the end of the run
         * @return this builder
         */
        public Builder journal(Journal journal) {
            s.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * The model for every line instead of the line's {@code model} (an alias, {@code pkg:alias} or
         * {@code provider:model}).
         *
         * @param alias the alias or model reference for every line
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder alias(String alias) {
            Objects.requireNonNull(alias, "alias");
            if (alias.isBlank()) throw new IllegalArgumentException("alias must not be blank");
            s.alias = alias;
            return this;
        }

        /**
         * How many requests may be in flight at once (default 8).
         *
         * @param n requests in flight at once, 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException unless 1 to 1024
         */
        public Builder concurrency(int n) {
            if (n < 1 || n > 1024) throw new IllegalArgumentException("concurrency must be 1 to 1024, was " + n);
            s.concurrency = n;
            return this;
        }

        /**
         * Whether the output keeps input order (default false: completion order). Records then wait in a reorder
         * buffer of {@code window} lines past the first unfinished one; reading stops while it is full.
         *
         * @param ordered whether to write records in input order
         * @param window the reorder buffer, in lines past the first unfinished one
         * @return this builder
         * @throws IllegalArgumentException when {@code window} is below 1
         */
        public Builder ordered(boolean ordered, int window) {
            if (window < 1) throw new IllegalArgumentException("the reorder window must be positive, was " + window);
            s.ordered = ordered;
            s.window = window;
            return this;
        }

        /**
         * {@link #ordered(boolean, int)} with a window of 1,024 lines or 4 x the concurrency, if more.
         *
         * @param ordered whether to write records in input order
         * @return this builder
         */
        public Builder ordered(boolean ordered) {
            s.ordered = ordered;
            s.window = 0;
            return this;
        }

        /**
         * The most the whole batch may cost, in US dollars, counting what earlier runs of the same journal paid. Each
         * request's worst case ({@link dev.llmring.CallPlan#worstCaseCost()}) is reserved before it is sent; when one
         * does not fit, sending stops, the rest are recorded skipped ({@code budget}) and the run ends with
         * {@link BatchSummary.Stop#BUDGET}. A line that cannot be priced is skipped ({@code unpriced}) unless
         * {@link #allowUnpriced(boolean)}.
         *
         * @param usd the limit in US dollars, zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxCost(BigDecimal usd) {
            Objects.requireNonNull(usd, "usd");
            if (usd.signum() < 0) throw new IllegalArgumentException("maxCost must not be negative, was " + usd);
            s.maxCost = usd;
            return this;
        }

        /**
         * Whether lines that cannot be priced are sent under {@link #maxCost} (default false: skipped).
         *
         * @param allow whether to send lines the registry cannot price
         * @return this builder
         */
        public Builder allowUnpriced(boolean allow) {
            s.allowUnpriced = allow;
            return this;
        }

        /**
         * Whether lines that failed in an earlier run are sent again (default false: kept as failed).
         *
         * @param retry whether to send failed lines again
         * @return this builder
         */
        public Builder retryFailed(boolean retry) {
            s.retryFailed = retry;
            return this;
        }

        /**
         * Whether lines done in an earlier run whose request changed are sent again (default false: refused).
         *
         * @param force whether to send changed lines again (and pay again)
         * @return this builder
         */
        public Builder force(boolean force) {
            s.force = force;
            return this;
        }

        /**
         * Whether the first failed line stops the run (default false: record it and go on).
         *
         * @param failFast whether to stop at the first failed line
         * @return this builder
         */
        public Builder failFast(boolean failFast) {
            s.failFast = failFast;
            return this;
        }

        /**
         * Receives the run's progress every {@code interval} and once at the end ({@link BatchProgress#finished()}),
         * on a thread of the runner; it must be quick.
         *
         * @param listener receives each report
         * @param interval the time between two reports (default 1 s)
         * @return this builder
         * @throws IllegalArgumentException unless the interval is positive
         */
        public Builder progress(Consumer<BatchProgress> listener, Duration interval) {
            Objects.requireNonNull(listener, "listener");
            s.progressInterval = positive(interval, "interval");
            s.progress = listener;
            return this;
        }

        /**
         * How long requests in flight may finish after {@link BatchRunner#stop()} (default 30 s).
         *
         * @param grace the grace period, zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder gracePeriod(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) throw new IllegalArgumentException("gracePeriod must not be negative");
            s.grace = grace;
            return this;
        }

        /**
         * How long a binding that rate-limited a line gets no new request when it named no {@code Retry-After}
         * (default 1 s), and how many times such a line is queued again before it is recorded failed (default 3).
         *
         * @param pause the pause when the provider named none
         * @param requeues how many times a rate-limited line is queued again
         * @return this builder
         * @throws IllegalArgumentException unless the pause is positive and the count not negative
         */
        public Builder rateLimit(Duration pause, int requeues) {
            s.rateLimitPause = positive(pause, "pause");
            if (requeues < 0) throw new IllegalArgumentException("requeues must not be negative, was " + requeues);
            s.rateLimitRequeues = requeues;
            return this;
        }

        /**
         * How often the journal file is {@code fsync}ed while entries are appended (default 1 s; zero: every entry).
         * Entries are written at once either way, so killing the process loses none; the interval bounds what a
         * crash of the machine can lose (those lines are sent again).
         *
         * @param interval the longest time between two syncs, zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder syncInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) throw new IllegalArgumentException("syncInterval must not be negative");
            s.syncInterval = interval;
            return this;
        }

        /**
         * The clock for pauses, elapsed time and rates (default: the system UTC clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            s.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sends the lines through the providers' own batch APIs instead of one call each (see {@link ProviderBatch});
         * concurrency, rate-limit and grace settings then do not apply, and a cost limit is refused.
         *
         * @param settings the provider batch settings
         * @return this builder
         */
        public Builder providerMode(ProviderBatch settings) {
            s.providerMode = Objects.requireNonNull(settings, "settings");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }

        /**
         * The runner.
         *
         * @return a runner, to be run once
         * @throws IllegalStateException when the input or the output is missing, a cost limit is set in provider mode,
         *     or ordered output is asked of an input that is not {@linkplain LineSource#replayable() replayable}
         */
        public BatchRunner build() {
            if (s.input == null) throw new IllegalStateException("no input: call input(...)");
            if (s.output == null) throw new IllegalStateException("no output: call output(...)");
            if (s.providerMode != null && s.maxCost != null) {
                throw new IllegalStateException("a cost limit applies to live mode only, not to provider batch mode");
            }
            if (s.ordered && !s.input.replayable()) {
                throw new IllegalStateException(
                        "ordered output needs an input read more than once, not " + s.input.name());
            }
            Settings frozen = copy();
            if (frozen.state == null) {
                frozen.state = frozen.output().resolveSibling(frozen.output().getFileName() + ".state");
            }
            if (frozen.window == 0) frozen.window = Math.max(1024, 4 * frozen.concurrency);
            return new BatchRunner(frozen);
        }

        private Settings copy() {
            Settings c = new Settings(s.ring);
            c.input = s.input;
            c.inputPath = s.inputPath;
            c.output = s.output;
            c.state = s.state;
            c.journal = s.journal;
            c.alias = s.alias;
            c.concurrency = s.concurrency;
            c.ordered = s.ordered;
            c.window = s.window;
            c.maxCost = s.maxCost;
            c.allowUnpriced = s.allowUnpriced;
            c.retryFailed = s.retryFailed;
            c.force = s.force;
            c.failFast = s.failFast;
            c.progress = s.progress;
            c.progressInterval = s.progressInterval;
            c.grace = s.grace;
            c.rateLimitPause = s.rateLimitPause;
            c.rateLimitRequeues = s.rateLimitRequeues;
            c.syncInterval = s.syncInterval;
            c.clock = s.clock;
            c.providerMode = s.providerMode;
            return c;
        }
    }
}
