package dev.llmring.lens;

import dev.llmring.LlmRing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the plan of a {@link Lens} with its targets interleaved, so that whatever changes during the run (the load of
 * a shared machine, the network, the provider) hits every target alike: first the warm-up requests, one at a time,
 * target after target; then each phase (one, or one per sweep step) for all targets that are still going at once.
 *
 * <p>Open-loop phases: every target has its own schedule at the phase's rate, and one dispatching thread (this one)
 * sends each request at its scheduled time onto the target's own pool of at most {@code maxInFlight} threads (more
 * requests wait in its queue, and the wait shows as schedule lag and in the corrected latencies). A constant rate's
 * schedules are offset by an equal share of the gap, so the sends alternate evenly between targets; Poisson
 * schedules are drawn independently per target. Closed-loop phases: sequential sends one request at a time, the
 * targets in turn; concurrent keeps {@code n} requests in flight for every target at once. Every request goes
 * through {@link #admit()}, which enforces the request and cost limits unless the run was confirmed.
 */
final class Runner {
    /** One target's results: everything measured, and each sweep step apart. */
    record TargetRun(String target, Stats all, List<Stats> steps, List<Double> rates, @Nullable String stopped) {}

    /** One target during the run. */
    private static final class Track {
        final String target;
        final Stats all = new Stats();
        final List<Stats> steps = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        /** The next prompt: every target gets the same prompts in the same order. */
        final AtomicLong prompt = new AtomicLong();
        /** Requests started in the current phase. */
        final AtomicLong started = new AtomicLong();

        @Nullable
        String stopped;

        Stats step = new Stats();

        Track(String target) {
            this.target = target;
        }

        void begin(double rate) {
            step = new Stats();
            steps.add(step);
            rates.add(rate);
            started.set(0);
        }
    }

    private final Lens lens;
    private final LlmRing ring;
    private final @Nullable RequestLog log;
    private final Progress progress;
    private final LongSupplier ticker;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();
    private volatile BigDecimal spent = BigDecimal.ZERO;
    private volatile @Nullable String stopped;
    final long startNanos;

    Runner(Lens lens, @Nullable RequestLog log, Progress progress) {
        this.lens = lens;
        this.ring = lens.ring;
        this.log = log;
        this.progress = progress;
        this.ticker = lens.ticker;
        this.startNanos = ticker.getAsLong();
    }

    /** Why the run stopped before its plan was done (a limit), if it did. */
    @Nullable
    String stopped() {
        return stopped;
    }

    List<TargetRun> run() {
        List<Track> tracks = new ArrayList<>();
        for (String target : lens.targets) tracks.add(new Track(target));
        warmUp(tracks);
        LoadProfile profile = lens.profile;
        boolean sweep = profile.kind() == LoadProfile.Kind.SWEEP;
        int stepCount = sweep ? profile.steps() : 1;
        List<Track> going = new ArrayList<>(tracks);
        for (int step = 0; step < stepCount && stopped == null && !going.isEmpty(); step++) {
            double rate = profile.isOpenLoop() ? profile.rateAt(step) : 0;
            progress.phase(label(going), step, stepCount, rate);
            for (Track t : going) t.begin(rate);
            if (profile.isOpenLoop()) {
                openLoop(going, step, rate);
            } else {
                closedLoop(going, step);
            }
            if (!sweep) break;
            going.removeIf(t -> (t.stopped = sweepBreak(t.step)) != null);
        }
        List<TargetRun> runs = new ArrayList<>();
        for (Track t : tracks) {
            runs.add(new TargetRun(t.target, t.all, t.steps, t.rates, t.stopped != null ? t.stopped : stopped));
        }
        return runs;
    }

    private static String label(List<Track> tracks) {
        return tracks.size() == 1 ? tracks.get(0).target : tracks.size() + " targets";
    }

    /** The warm-up requests: one at a time, the targets in turn, measured by nothing. */
    private void warmUp(List<Track> tracks) {
        for (int i = 0; i < lens.warmup; i++) {
            for (Track t : tracks) {
                if (!admit()) return;
                progress.status(t.target, "warm-up " + (i + 1) + "/" + lens.warmup);
                spend(Probe.run(ring, t.target, lens.prompts.get(i), -1, -1, -1, null, ticker));
            }
        }
    }

    /** Why a sweep stops for a target after this step, or null to go on. */
    private @Nullable String sweepBreak(Stats step) {
        if (step.errorRate() > lens.maxErrorRate) {
            return String.format(
                    Locale.ROOT,
                    "error rate %.1f%% passed the %.1f%% limit",
                    100 * step.errorRate(),
                    100 * lens.maxErrorRate);
        }
        if (lens.slo.isSet() && step.succeeded > 0 && (double) step.good / step.requests < lens.slo.attainment()) {
            return "SLO broken (" + step.good + " of " + step.requests + " requests good)";
        }
        return null;
    }

    private void openLoop(List<Track> tracks, int step, double rate) {
        int n = tracks.size();
        boolean poisson = lens.profile.kind() == LoadProfile.Kind.POISSON;
        long durationNanos = lens.duration == null ? -1 : lens.duration.toNanos();
        Schedule[] schedules = new Schedule[n];
        long[] next = new long[n];
        long[] phase = new long[n];
        ThreadPoolExecutor[] pools = new ThreadPoolExecutor[n];
        for (int i = 0; i < n; i++) {
            schedules[i] =
                    poisson ? Schedule.gamma(rate, lens.profile.burstiness(), lens.seed + i) : Schedule.constant(rate);
            phase[i] = poisson ? 0 : Math.round(i * 1e9 / (rate * n));
            next[i] = schedules[i].next();
            pools[i] = pool(lens.maxInFlight);
        }
        long start = ticker.getAsLong() + 1_000_000;
        try {
            while (true) {
                int i = -1;
                for (int k = 0; k < n; k++) {
                    Track t = tracks.get(k);
                    boolean done = durationNanos >= 0 ? next[k] >= durationNanos : t.started.get() >= lens.requests;
                    if (!done && (i < 0 || next[k] + phase[k] < next[i] + phase[i])) i = k;
                }
                if (i < 0) break;
                long at = start + next[i] + phase[i];
                next[i] = schedules[i].next();
                sleepUntil(at);
                if (!admit()) break;
                Track t = tracks.get(i);
                t.started.incrementAndGet();
                long id = seq.getAndIncrement();
                PromptSet.Prompt prompt = lens.prompts.get(t.prompt.getAndIncrement());
                pools[i].execute(
                        () -> finish(t, Probe.run(ring, t.target, prompt, step, id, at, gaps(t, id), ticker), rate));
            }
        } finally {
            for (ThreadPoolExecutor pool : pools) drain(pool);
        }
    }

    private void closedLoop(List<Track> tracks, int step) {
        List<List<Track>> lanes = new ArrayList<>();
        if (lens.profile.kind() == LoadProfile.Kind.SEQUENTIAL) {
            lanes.add(tracks);
        } else {
            for (Track t : tracks) {
                for (int w = 0; w < lens.profile.concurrency(); w++) lanes.add(List.of(t));
            }
        }
        boolean timed = lens.duration != null;
        long end = timed ? ticker.getAsLong() + lens.duration.toNanos() : 0;
        ThreadPoolExecutor pool = pool(lanes.size());
        try {
            for (List<Track> lane : lanes) {
                pool.execute(() -> {
                    int turn = 0;
                    while (true) {
                        Track t = null;
                        for (int k = 0; k < lane.size() && t == null; k++) {
                            Track candidate = lane.get(turn++ % lane.size());
                            if (timed
                                    ? ticker.getAsLong() - end < 0
                                    : candidate.started.getAndIncrement() < lens.requests) {
                                t = candidate;
                            }
                        }
                        if (t == null || !admit()) return;
                        long id = seq.getAndIncrement();
                        PromptSet.Prompt prompt = lens.prompts.get(t.prompt.getAndIncrement());
                        finish(t, Probe.run(ring, t.target, prompt, step, id, -1, gaps(t, id), ticker), 0);
                    }
                });
            }
        } finally {
            drain(pool);
        }
    }

    /** Where a request's inter-token gaps go as they are measured: the target's histograms (and the tap). */
    private LongConsumer gaps(Track t, long id) {
        Stats all = t.all;
        Stats step = t.step;
        Lens.Tap tap = lens.tap;
        return gap -> {
            all.gap(gap);
            step.gap(gap);
            if (tap != null) tap.gap(id, gap);
        };
    }

    private void finish(Track t, Sample s, double rate) {
        t.all.add(s, lens.slo);
        t.step.add(s, lens.slo);
        spend(s);
        if (log != null) log.write(s, rate, startNanos);
        Lens.Tap tap = lens.tap;
        if (tap != null) tap.sample(s);
        progress.done(s);
    }

    private synchronized void spend(Sample s) {
        if (s.cost() != null) spent = spent.add(s.cost());
    }

    /** Whether one more request may go out; when not, records why the run stops. */
    private boolean admit() {
        if (stopped != null) return false;
        if (!lens.confirmed) {
            if (issued.get() >= lens.maxRequests) {
                stopped = "stopped at --max-requests " + lens.maxRequests + " (confirm to go past it)";
                return false;
            }
            if (spent.compareTo(lens.maxCost) >= 0) {
                stopped = "stopped at --max-cost $" + lens.maxCost.toPlainString() + " (confirm to go past it)";
                return false;
            }
        }
        issued.incrementAndGet();
        return true;
    }

    private void sleepUntil(long at) {
        long left;
        while ((left = at - ticker.getAsLong()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) throw new CancellationException("the lens run was interrupted");
        }
    }

    private static ThreadPoolExecutor pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lens-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void drain(ThreadPoolExecutor pool) {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // requests end on their own deadline
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CancellationException("the lens run was interrupted");
        }
    }
}
