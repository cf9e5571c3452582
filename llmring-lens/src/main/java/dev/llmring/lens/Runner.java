package dev.llmring.lens;

import dev.llmring.LlmRing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the plan of a {@link Lens}: for each target its warm-up, then its phases (one, or one per sweep step).
 * Open-loop phases dispatch from this thread at the scheduled times onto a pool of at most {@code maxInFlight}
 * threads (more requests wait in its queue, and the wait shows as schedule lag and in the corrected latencies);
 * closed-loop phases keep {@code n} workers busy. Every request goes through {@link #admit()}, which enforces the
 * request and cost limits unless the run was confirmed.
 */
final class Runner {
    /** One target's results: everything measured, and each sweep step apart. */
    record TargetRun(String target, Stats all, List<Stats> steps, List<Double> rates, @Nullable String stopped) {}

    private final Lens lens;
    private final LlmRing ring;
    private final @Nullable RequestLog log;
    private final Progress progress;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();
    private volatile BigDecimal spent = BigDecimal.ZERO;
    private volatile @Nullable String stopped;
    final long startNanos = System.nanoTime();

    Runner(Lens lens, @Nullable RequestLog log, Progress progress) {
        this.lens = lens;
        this.ring = lens.ring;
        this.log = log;
        this.progress = progress;
    }

    /** Why the run stopped before its plan was done (a limit), if it did. */
    @Nullable
    String stopped() {
        return stopped;
    }

    List<TargetRun> run() {
        List<TargetRun> runs = new ArrayList<>();
        for (String target : lens.targets) {
            if (stopped != null) break;
            runs.add(runTarget(target));
        }
        return runs;
    }

    private TargetRun runTarget(String target) {
        for (int i = 0; i < lens.warmup && admit(); i++) {
            progress.status(target, "warm-up " + (i + 1) + "/" + lens.warmup);
            Sample s = Probe.run(ring, target, lens.prompts.get(i), -1, -1, System.nanoTime(), null);
            spend(s);
        }
        Stats all = new Stats();
        List<Stats> steps = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        LoadProfile profile = lens.profile;
        String why = null;
        int stepCount = profile.kind() == LoadProfile.Kind.SWEEP ? profile.steps() : 1;
        for (int step = 0; step < stepCount && stopped == null; step++) {
            Stats stats = new Stats();
            double rate = profile.isOpenLoop() ? profile.rateAt(step) : 0;
            progress.phase(target, step, stepCount, rate);
            if (profile.isOpenLoop()) {
                Schedule schedule = profile.kind() == LoadProfile.Kind.POISSON
                        ? Schedule.gamma(rate, profile.burstiness(), lens.seed)
                        : Schedule.constant(rate);
                openLoop(target, step, rate, schedule, all, stats);
            } else {
                closedLoop(target, step, profile.concurrency(), all, stats);
            }
            steps.add(stats);
            rates.add(rate);
            if (profile.kind() != LoadProfile.Kind.SWEEP) break;
            why = sweepBreak(stats);
            if (why != null) break;
        }
        return new TargetRun(target, all, steps, rates, why != null ? why : stopped);
    }

    /** Why a sweep stops after this step, or null to go on. */
    private @Nullable String sweepBreak(Stats step) {
        if (step.errorRate() > lens.maxErrorRate) {
            return String.format(
                    java.util.Locale.ROOT,
                    "error rate %.1f%% passed the %.1f%% limit",
                    100 * step.errorRate(),
                    100 * lens.maxErrorRate);
        }
        if (lens.slo.isSet() && step.succeeded > 0 && (double) step.good / step.requests < lens.slo.attainment()) {
            return "SLO broken (" + step.good + " of " + step.requests + " requests good)";
        }
        return null;
    }

    private void openLoop(String target, int step, double rate, Schedule schedule, Stats all, Stats stats) {
        ThreadPoolExecutor pool = pool(lens.maxInFlight);
        long durationNanos = lens.duration == null ? -1 : lens.duration.toNanos();
        long start = System.nanoTime() + 1_000_000;
        try {
            for (long i = 0; ; i++) {
                long offset = schedule.next();
                if (durationNanos >= 0 ? offset >= durationNanos : i >= lens.requests) break;
                long at = start + offset;
                sleepUntil(at);
                if (!admit()) break;
                long n = seq.getAndIncrement();
                pool.execute(() -> finish(
                        Probe.run(ring, target, lens.prompts.get(n), step, n, at, gaps(all, stats)), rate, all, stats));
            }
        } finally {
            drain(pool);
        }
    }

    private void closedLoop(String target, int step, int workers, Stats all, Stats stats) {
        ThreadPoolExecutor pool = pool(workers);
        boolean timed = lens.duration != null;
        long end = timed ? System.nanoTime() + lens.duration.toNanos() : 0;
        AtomicLong started = new AtomicLong();
        try {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    while (timed ? System.nanoTime() - end < 0 : started.getAndIncrement() < lens.requests) {
                        if (!admit()) return;
                        long n = seq.getAndIncrement();
                        long now = System.nanoTime();
                        finish(
                                Probe.run(ring, target, lens.prompts.get(n), step, n, now, gaps(all, stats)),
                                0,
                                all,
                                stats);
                    }
                });
            }
        } finally {
            drain(pool);
        }
    }

    private static LongConsumer gaps(Stats all, Stats stats) {
        return gap -> {
            all.gap(gap);
            stats.gap(gap);
        };
    }

    private void finish(Sample s, double rate, Stats all, Stats stats) {
        all.add(s, lens.slo);
        stats.add(s, lens.slo);
        spend(s);
        if (log != null) log.write(s, rate, startNanos);
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

    private static void sleepUntil(long at) {
        long left;
        while ((left = at - System.nanoTime()) > 0) {
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
