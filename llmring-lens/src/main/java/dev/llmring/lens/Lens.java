package dev.llmring.lens;

import dev.llmring.LlmRing;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Measures what aliases and bindings deliver: sends a {@link LoadProfile} of prompts to the targets, interleaved, through
 * an {@link LlmRing} (so routing, retries and failover count, as in the application), times every request, and
 * reports percentiles, throughput, goodput and cost per target.
 *
 * <pre>{@code
 * LensReport report = Lens.builder(ring)
 *         .target("summarizer")
 *         .target("openai:gpt-4o-mini")
 *         .profile(LoadProfile.constant(2))
 *         .requests(50)
 *         .slo(Slo.parse("ttft=500ms,e2e=5s"))
 *         .outputDirectory(Path.of("target/lens"))
 *         .build()
 *         .run();
 * }</pre>
 *
 * Safe by default: ten requests a target after one warm-up request, and a run refuses to send more than
 * {@link Builder#maxRequests(int)} requests (100) or spend more than {@link Builder#maxCost(BigDecimal)} ($1) unless
 * {@link Builder#confirmed(boolean) confirmed}. The lens paces itself; a rate limiter configured on the ring applies
 * to its calls as to any other, and its waits count as latency. Reusable:
 * each {@link #run()} is a new run.
 */
public final class Lens {
    final LlmRing ring;
    final List<String> targets;
    final PromptSet prompts;
    final LoadProfile profile;
    final int requests;
    final @Nullable Duration duration;
    final int warmup;
    final Slo slo;
    final int maxRequests;
    final BigDecimal maxCost;
    final boolean confirmed;
    final double maxErrorRate;
    final int maxInFlight;
    final @Nullable Path outputDirectory;
    final Consumer<String> progress;
    final Clock clock;
    final long seed;
    final @Nullable Tap tap;
    /** Every interval's clock: {@link System#nanoTime()}, or a test's. */
    final LongSupplier ticker;

    /**
     * Sees the instrument's own readings, for the tests that check them against what a server did: each measured
     * inter-token gap as it is recorded, and each measured request as it ends. Called from the run's threads.
     */
    interface Tap {
        /** A gap of {@code nanos} between two token events of the measured request {@code seq}. */
        void gap(long seq, long nanos);

        /** A measured request ended. */
        void sample(Sample sample);
    }

    private Lens(Builder b) {
        this.ring = b.ring;
        this.targets = List.copyOf(b.targets);
        this.prompts = b.prompts;
        this.profile = b.profile;
        this.requests = b.requests;
        this.duration = b.duration;
        this.warmup = b.warmup;
        this.slo = b.slo;
        this.maxRequests = b.maxRequests;
        this.maxCost = b.maxCost;
        this.confirmed = b.confirmed;
        this.maxErrorRate = b.maxErrorRate;
        this.maxInFlight = b.maxInFlight;
        this.outputDirectory = b.outputDirectory;
        this.progress = b.progress;
        this.clock = b.clock;
        this.seed = b.seed;
        this.tap = b.tap;
        this.ticker = b.ticker;
    }

    /**
     * A lens that sends through {@code ring}: its lockfile, profile, keys, registry, retries, failover and listeners
     * apply to every request, as in the application.
     *
     * @param ring the client to measure through; the lens never closes it
     * @return a builder with the safe defaults
     */
    public static Builder builder(LlmRing ring) {
        return new Builder(Objects.requireNonNull(ring, "ring"));
    }

    /**
     * The number of requests the run plans to send, warm-up included, or -1 when it runs for a duration in a
     * closed loop. For a Poisson profile run for a duration it is the expected number; the request limit still
     * bounds what is sent while the run goes on.
     *
     * @return the planned number of requests over all targets, or -1 when it is not known in advance
     */
    public long plannedRequests() {
        long perTarget;
        if (duration == null) {
            perTarget = (long) requests * (profile.kind() == LoadProfile.Kind.SWEEP ? profile.steps() : 1);
        } else if (profile.isOpenLoop()) {
            double seconds = duration.toNanos() / 1e9;
            perTarget = 0;
            int steps = profile.kind() == LoadProfile.Kind.SWEEP ? profile.steps() : 1;
            for (int s = 0; s < steps; s++) perTarget += (long) Math.ceil(profile.rateAt(s) * seconds);
        } else {
            return -1;
        }
        return (perTarget + warmup) * targets.size();
    }

    /**
     * Runs the plan, writing the output files when an output directory is set.
     *
     * @return per target, what was measured
     * @throws LensException before sending anything when the plan passes the request limit unconfirmed, or when the
     *     output directory cannot be written
     * @throws java.util.concurrent.CancellationException when the running thread is interrupted
     */
    public LensReport run() {
        long planned = plannedRequests();
        if (!confirmed && planned > maxRequests) {
            throw new LensException("this run would send " + planned + " requests, more than the limit of "
                    + maxRequests + "; confirm it (--yes) or raise the limit (--max-requests)");
        }
        Instant started = clock.instant();
        Path dir = outputDirectory;
        RequestLog log = null;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new LensException("cannot create " + dir + ": " + e.getMessage(), dir.toString(), 0, e);
            }
            log = new RequestLog(dir.resolve("requests.jsonl"));
        }
        List<Runner.TargetRun> runs;
        Runner runner = new Runner(this, log, new Progress(progress));
        try {
            runs = runner.run();
        } finally {
            if (log != null) log.close();
        }
        List<TargetSummary> summaries = new ArrayList<>();
        for (Runner.TargetRun run : runs) {
            List<TargetSummary> steps = new ArrayList<>();
            if (profile.kind() == LoadProfile.Kind.SWEEP) {
                for (int i = 0; i < run.steps().size(); i++) {
                    steps.add(new TargetSummary(
                            run.target(),
                            run.rates().get(i),
                            run.steps().get(i),
                            slo,
                            List.of(),
                            java.util.Optional.empty()));
                }
            }
            summaries.add(new TargetSummary(
                    run.target(),
                    profile.isOpenLoop() && profile.kind() != LoadProfile.Kind.SWEEP ? profile.rate() : 0,
                    run.all(),
                    slo,
                    steps,
                    java.util.Optional.ofNullable(run.stopped())));
        }
        LensReport report = new LensReport(this, started, summaries, runner.stopped());
        if (dir != null) ReportFiles.write(report, dir);
        return report;
    }

    /**
     * Configures a {@link Lens}. Setters validate at once and name the bad value.
     */
    public static final class Builder {
        private final LlmRing ring;
        private final List<String> targets = new ArrayList<>();
        private PromptSet prompts = PromptSet.synthetic(10, 64, 64);
        private LoadProfile profile = LoadProfile.sequential();
        private int requests = 10;
        private @Nullable Duration duration;
        private int warmup = 1;
        private Slo slo = Slo.none();
        private int maxRequests = 100;
        private BigDecimal maxCost = BigDecimal.ONE;
        private boolean confirmed;
        private double maxErrorRate = 0.05;
        private int maxInFlight = 64;
        private @Nullable Path outputDirectory;
        private Consumer<String> progress = line -> {};
        private Clock clock = Clock.systemUTC();
        private long seed = 1;
        private @Nullable Tap tap;
        private LongSupplier ticker = System::nanoTime;

        private Builder(LlmRing ring) {
            this.ring = ring;
        }

        /**
         * Adds a target: an alias (resolved in the ring's profile) or a {@code provider:model} binding. Targets run
         * interleaved (see {@link LoadProfile}); the report lists them in the order added.
         *
         * @param target the alias or binding, as {@link dev.llmring.ChatRequest#builder(String)} takes it
         * @return this builder
         * @throws IllegalArgumentException when blank or already added
         */
        public Builder target(String target) {
            Objects.requireNonNull(target, "target");
            if (target.isBlank()) throw new IllegalArgumentException("a target must not be blank");
            if (targets.contains(target))
                throw new IllegalArgumentException("target '" + target + "' is already added");
            targets.add(target);
            return this;
        }

        /**
         * The prompts, sent in order to every target and round again when the run needs more (default: ten synthetic
         * prompts of 64 tokens asking for 64). The warm-up requests use the first ones.
         *
         * @param prompts the prompts
         * @return this builder
         */
        public Builder prompts(PromptSet prompts) {
            this.prompts = Objects.requireNonNull(prompts, "prompts");
            return this;
        }

        /**
         * The load profile (default {@link LoadProfile#sequential()}).
         *
         * @param profile how requests are sent
         * @return this builder
         */
        public Builder profile(LoadProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Measured requests per target (per step in a sweep); default 10. Clears a duration set before.
         *
         * @param n the number of requests, 1 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException unless 1 to 1,000,000
         */
        public Builder requests(int n) {
            if (n < 1 || n > 1_000_000) throw new IllegalArgumentException("requests must be 1 to 1000000, got " + n);
            this.requests = n;
            this.duration = null;
            return this;
        }

        /**
         * Runs for this long (each sweep step for this long) instead of a request count; the targets run at the same
         * time, interleaved. Requests that started go on to their end. Cleared by {@link #requests(int)}.
         *
         * @param duration how long to send, positive and at most a day
         * @return this builder
         * @throws IllegalArgumentException unless positive and at most a day
         */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("the duration must be positive and at most a day, got " + duration);
            }
            this.duration = duration;
            return this;
        }

        /**
         * Requests sent to each target before measuring, one at a time and the targets in turn, excluded from every
         * result (default 1). They count against {@link #maxRequests(int)}.
         *
         * @param n the warm-up requests per target, 0 to 1,000
         * @return this builder
         * @throws IllegalArgumentException unless 0 to 1,000
         */
        public Builder warmup(int n) {
            if (n < 0 || n > 1000) throw new IllegalArgumentException("warm-up must be 0 to 1000, got " + n);
            this.warmup = n;
            return this;
        }

        /**
         * The SLO that decides goodput and ends a target's sweep (default {@link Slo#none()}).
         *
         * @param slo the bounds a good request meets
         * @return this builder
         */
        public Builder slo(Slo slo) {
            this.slo = Objects.requireNonNull(slo, "slo");
            return this;
        }

        /**
         * The most requests the run sends over all targets, warm-up included, unless confirmed (default 100). A plan
         * known to pass it is refused before anything is sent; a run whose size is not known stops when it reaches it.
         *
         * @param n the limit, positive
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxRequests(int n) {
            if (n < 1) throw new IllegalArgumentException("max requests must be positive, got " + n);
            this.maxRequests = n;
            return this;
        }

        /**
         * The most the run spends in US dollars (priced by the registry), unless confirmed (default 1): once the
         * priced cost reaches it, no more requests go out.
         *
         * @param usd the limit in US dollars, positive
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxCost(BigDecimal usd) {
            Objects.requireNonNull(usd, "usd");
            if (usd.signum() <= 0) throw new IllegalArgumentException("max cost must be positive, got " + usd);
            this.maxCost = usd;
            return this;
        }

        /**
         * Whether the run may go past {@link #maxRequests} and {@link #maxCost} (default false; the CLI's
         * {@code --yes}).
         *
         * @param confirmed true to lift both limits
         * @return this builder
         */
        public Builder confirmed(boolean confirmed) {
            this.confirmed = confirmed;
            return this;
        }

        /**
         * The share of failed requests (0 to 1) past which a target's sweep stops (default 0.05).
         *
         * @param share the share, 0 to 1
         * @return this builder
         * @throws IllegalArgumentException unless 0 to 1
         */
        public Builder maxErrorRate(double share) {
            if (!(share >= 0) || share > 1)
                throw new IllegalArgumentException("max error rate must be 0 to 1, got " + share);
            this.maxErrorRate = share;
            return this;
        }

        /**
         * The most requests in flight in the open-loop profiles (default 64); requests due beyond it wait, and the
         * wait counts as latency. The limit is per target.
         *
         * @param n the most requests in flight per target, 1 to 1,024
         * @return this builder
         * @throws IllegalArgumentException unless 1 to 1,024
         */
        public Builder maxInFlight(int n) {
            if (n < 1 || n > 1024) throw new IllegalArgumentException("max in flight must be 1 to 1024, got " + n);
            this.maxInFlight = n;
            return this;
        }

        /**
         * Where to write {@code requests.jsonl}, {@code summary.json}, {@code summary.csv} and {@code report.html}
         * (default: nowhere). Created when missing; files of an earlier run there are replaced.
         *
         * @param dir the output directory
         * @return this builder
         */
        public Builder outputDirectory(Path dir) {
            this.outputDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Receives the live progress line, at most every 200 ms and at each change of phase, from the run's threads
         * (default: nobody).
         *
         * @param line the receiver of each line; it must be thread-safe and quick
         * @return this builder
         */
        public Builder progress(Consumer<String> line) {
            this.progress = Objects.requireNonNull(line, "line");
            return this;
        }

        /**
         * The clock that dates the report (default UTC); intervals are always measured on {@link System#nanoTime()}.
         *
         * @param clock the clock of {@link LensReport#started()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The seed of the Poisson profile's draws (default 1; target {@code i} of the run uses {@code seed + i}), so a
         * schedule can be repeated.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * For tests of the instrument: the clock of every interval, in nanoseconds (default {@link System#nanoTime()}).
         * The open-loop profiles also pace their sends on it.
         */
        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** For tests of the instrument: a tap on its readings (default none). */
        Builder tap(Tap tap) {
            this.tap = Objects.requireNonNull(tap, "tap");
            return this;
        }

        /**
         * The lens, ready to {@link Lens#run() run} (as often as wanted).
         *
         * @return the lens
         * @throws IllegalStateException when no target was added
         */
        public Lens build() {
            if (targets.isEmpty()) throw new IllegalStateException("a lens needs at least one target");
            return new Lens(this);
        }
    }
}
