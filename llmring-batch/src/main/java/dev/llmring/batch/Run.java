package dev.llmring.batch;

import dev.llmring.CallPlan;
import dev.llmring.ChatResponse;
import dev.llmring.LlmRingException;
import dev.llmring.RateLimitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One run of a {@link BatchRunner}: the dispatcher (the thread calling {@link #execute()}) reads lines, decides what
 * each needs, reserves its budget and hands it to a worker; workers call the ring and record the outcome. Lines
 * whose first binding is paused after a 429 wait in a bounded queue while other lines go on.
 */
final class Run {
    private final BatchRunner.Settings s;
    private final Journal journal;
    private final Gates gates;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> deferred = new ArrayDeque<>();
    private int inFlight;
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private volatile BatchSummary.Stop stop = BatchSummary.Stop.NONE;
    private @Nullable Recorder recorder;
    private @Nullable Output output;
    private @Nullable Ledger ledger;
    private @Nullable JournalIndex index;
    private volatile @Nullable ProviderMode provider;

    /** A line ready to send, and how often a rate limit sent it back. */
    record Pending(ParsedLine line, CallPlan plan, int requeues) {
        @Nullable
        String binding() {
            return plan.bindings().isEmpty() ? null : plan.bindings().get(0);
        }
    }

    Run(BatchRunner.Settings settings, Journal journal) {
        this.s = settings;
        this.journal = journal;
        this.gates = new Gates(settings.rateLimitPause);
    }

    BatchSummary execute() {
        Instant started = s.clock.instant();
        ExecutorService workers = Executors.newFixedThreadPool(s.concurrency, daemon("llmring-batch-worker"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("llmring-batch-progress"));
        try {
            JournalIndex index = JournalIndex.replay(journal);
            this.index = index;
            BigDecimal paidBefore = index.paid();
            boolean fresh = index.entries() == 0;
            PrePass pass = s.input().replayable() ? PrePass.run(s.input(), index, s.alias, s.force) : new PrePass();
            Output.derive(
                    journal,
                    index,
                    s.output(),
                    st -> st == JournalIndex.OK || (st == JournalIndex.ERROR && !s.retryFailed));
            Output out = Output.append(s.output(), s.ordered);
            output = out;
            Recorder rec = new Recorder(journal, index, out);
            recorder = rec;
            ledger = new Ledger(s.maxCost, paidBefore);
            ticker.scheduleAtFixedRate(
                    () -> tick(rec, pass.requests, started),
                    s.progressInterval.toNanos(),
                    s.progressInterval.toNanos(),
                    TimeUnit.NANOSECONDS);
            if (s.providerMode != null) {
                ProviderMode mode = new ProviderMode(s, s.providerMode, this, rec);
                provider = mode;
                mode.execute();
            } else {
                dispatch(workers, rec, out);
                drain();
            }
            ticker.shutdownNow();
            rec.freeze(); // before the interrupts: a worker interrupted while writing would close the journal's channel
            workers.shutdownNow();
            out.close();
            // a fresh run's output is already what the journal derives, unless a stop left the reorder buffer out of
            // order
            boolean derived = fresh && s.providerMode == null && (!s.ordered || stop == BatchSummary.Stop.NONE);
            if (!aborted && !derived) {
                if (s.ordered) Output.deriveOrdered(journal, index, s.input(), s.output());
                else Output.derive(journal, index, s.output(), st -> true);
            }
            Duration elapsed = Duration.between(started, s.clock.instant());
            s.progress.accept(rec.progress(pass.requests, 0, elapsed, true));
            return new BatchSummary(
                    pass.requests,
                    rec.alreadyDone.sum(),
                    rec.ok.sum(),
                    rec.failed.sum(),
                    rec.skipped.sum(),
                    rec.inputTokens.sum(),
                    rec.outputTokens.sum(),
                    rec.cost(),
                    paidBefore,
                    rec.unpriced.sum(),
                    elapsed,
                    stop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.input().name() + ": " + e.getMessage(), e);
        } finally {
            ticker.shutdownNow();
            workers.shutdownNow();
            journal.close();
        }
    }

    void stop() {
        stopRequested = true;
        if (stop == BatchSummary.Stop.NONE) stop = BatchSummary.Stop.SIGNAL;
        signal();
        ProviderMode mode = provider;
        if (mode != null) mode.wake();
    }

    /** Whether {@link #stop()} (or {@link #abort()}) was called. */
    boolean stopRequested() {
        return stopRequested;
    }

    /** Whether the journal already holds a final answer for {@code customId} (as a rerun would skip it). */
    boolean answered(String customId) {
        int done = index().status(LongIndex.key(customId));
        return done == JournalIndex.OK || (done == JournalIndex.ERROR && !s.retryFailed);
    }

    /** Provider mode without waiting left jobs open. */
    void pending() {
        if (stop == BatchSummary.Stop.NONE) stop = BatchSummary.Stop.PENDING;
    }

    void abort() {
        aborted = true;
        stop();
        Recorder rec = recorder;
        if (rec != null) rec.freeze();
    }

    private void tick(Recorder rec, long total, Instant started) {
        try {
            Output out = output;
            if (out != null) out.flush();
            s.progress.accept(rec.progress(total, inFlightNow(), Duration.between(started, s.clock.instant()), false));
        } catch (RuntimeException e) {
            // a failing progress listener must not end the run; the next tick tries again
        }
    }

    private void dispatch(ExecutorService workers, Recorder rec, Output out) {
        try (LineSource.Lines lines = s.input().open()) {
            long n = 0;
            boolean eof = false;
            while (true) {
                Pending p = next(eof, n, out);
                if (stopping()) return;
                if (p == null) {
                    if (eof) return;
                    String text = lines.next();
                    if (text == null) {
                        eof = true;
                        continue;
                    }
                    p = admit(++n, text, rec);
                    if (p == null) continue;
                }
                String binding = p.binding();
                if (stop != BatchSummary.Stop.BUDGET
                        && binding != null
                        && gates.pausedUntil(binding, s.clock.instant()) != null) {
                    defer(p);
                    continue;
                }
                send(p, workers, rec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.input().name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until there is something to do: a deferred line whose binding is no longer paused (returned), or room to
     * read the next line (null). Returns null at once when stopping, or at the end with nothing deferred.
     */
    private @Nullable Pending next(boolean eof, long read, Output out) {
        lock.lock();
        try {
            while (true) {
                if (stopping()) return null;
                Instant now = s.clock.instant();
                for (Iterator<Pending> it = deferred.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    String binding = p.binding();
                    if (stop == BatchSummary.Stop.BUDGET
                            || binding == null
                            || gates.pausedUntil(binding, now) == null) {
                        it.remove();
                        return p;
                    }
                }
                boolean room = deferred.size() < s.window && (!s.ordered || read + 1 - out.next() < s.window);
                if (!eof && room) return null;
                if (eof && deferred.isEmpty() && inFlight == 0) return null;
                Instant until = gates.earliest(now);
                long waitNanos = until == null
                        ? TimeUnit.MILLISECONDS.toNanos(100)
                        : Math.max(1, Duration.between(now, until).toNanos());
                changed.awaitNanos(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** What line {@code n} needs: nothing (recorded or passed here), or to be sent. */
    @Nullable
    Pending admit(long n, String text, Recorder rec) {
        if (text.isBlank()) {
            rec.pass(n, false);
            return null;
        }
        String id = ParsedLine.quickId(text);
        int done = index().status(id != null ? LongIndex.key(id) : LongIndex.lineKey(n));
        if (done == JournalIndex.OK || (done == JournalIndex.ERROR && !s.retryFailed)) {
            rec.pass(n, true);
            return null;
        }
        ParsedLine line = ParsedLine.parse(n, text, s.alias);
        if (line.request() == null) {
            rec.failed(line, Records.invalid(n, line.customId(), String.valueOf(line.error())));
            failedLine();
            return null;
        }
        if (stop == BatchSummary.Stop.BUDGET) {
            skipForBudget(line, rec);
            return null;
        }
        try {
            return new Pending(line, s.ring.plan(line.request()), 0);
        } catch (LlmRingException e) {
            rec.failed(line, Records.error(n, line.customId(), e, Duration.ZERO));
            failedLine();
            return null;
        }
    }

    /** Reserves the line's worst case and hands it to a worker, or records why it cannot be sent. */
    private void send(Pending p, ExecutorService workers, Recorder rec) {
        ParsedLine line = p.line();
        if (stop == BatchSummary.Stop.BUDGET) {
            skipForBudget(line, rec);
            return;
        }
        BigDecimal reserved = BigDecimal.ZERO;
        Ledger budget = java.util.Objects.requireNonNull(ledger);
        if (budget.limited() && !p.plan().bindings().isEmpty()) {
            Optional<BigDecimal> worst = p.plan().worstCaseCost();
            if (worst.isEmpty() && !s.allowUnpriced) {
                rec.skipped(
                        line,
                        "unpriced",
                        "cannot be priced under a cost limit ("
                                + String.join(", ", p.plan().unpriced()) + "); allow unpriced models to send it");
                return;
            }
            if (worst.isPresent()) {
                if (!budget.reserve(worst.get())) {
                    stop = BatchSummary.Stop.BUDGET;
                    skipForBudget(line, rec);
                    return;
                }
                reserved = worst.get();
            }
        }
        lock.lock();
        try {
            while (inFlight >= s.concurrency && !stopping()) changed.awaitUninterruptibly();
            if (stopping()) {
                budget.settle(reserved, BigDecimal.ZERO);
                return;
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
        BigDecimal reservation = reserved;
        workers.execute(() -> work(p, reservation, rec));
    }

    private void work(Pending p, BigDecimal reserved, Recorder rec) {
        ParsedLine line = p.line();
        Ledger budget = java.util.Objects.requireNonNull(ledger);
        Instant started = s.clock.instant();
        try {
            ChatResponse response = s.ring.chat(java.util.Objects.requireNonNull(line.request()));
            gates.observe(response, s.clock.instant());
            BigDecimal priced = Records.pricedCost(response).orElse(null);
            BigDecimal paid = priced != null ? priced : reserved;
            budget.settle(reserved, paid);
            rec.answered(line, response, priced, paid);
        } catch (LlmRingException e) {
            budget.settle(reserved, BigDecimal.ZERO);
            gates.observe(e, s.clock.instant());
            if (e instanceof RateLimitException && p.requeues() < s.rateLimitRequeues && !stopping()) {
                defer(new Pending(line, p.plan(), p.requeues() + 1));
            } else {
                rec.failed(
                        line,
                        Records.error(line.line(), line.customId(), e, Duration.between(started, s.clock.instant())));
                failedLine();
            }
        } catch (CancellationException e) {
            budget.settle(reserved, BigDecimal.ZERO); // abandoned after the grace period: sent again next run
        } catch (RuntimeException e) {
            budget.settle(reserved, BigDecimal.ZERO);
            rec.failed(line, Records.unexpected(line.line(), line.customId(), e));
            failedLine();
        } finally {
            lock.lock();
            try {
                inFlight--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void skipForBudget(ParsedLine line, Recorder rec) {
        Ledger budget = java.util.Objects.requireNonNull(ledger);
        rec.skipped(
                line,
                "budget",
                "the budget of $" + java.util.Objects.requireNonNull(s.maxCost).toPlainString() + " cannot fit it ($"
                        + dev.llmring.Cost.display(budget.left()) + " left when sending stopped)");
    }

    private void failedLine() {
        if (s.failFast && stop == BatchSummary.Stop.NONE) {
            stop = BatchSummary.Stop.FAIL_FAST;
            signal();
        }
    }

    /** Waits for the requests in flight: without end, or for the grace period once stopped. */
    private void drain() {
        lock.lock();
        try {
            long graceLeft = s.grace.toNanos();
            while (inFlight > 0) {
                if (stopRequested) {
                    if (graceLeft <= 0) return;
                    graceLeft = changed.awaitNanos(graceLeft);
                } else {
                    changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private JournalIndex index() {
        return java.util.Objects.requireNonNull(index);
    }

    private boolean stopping() {
        return stopRequested || stop == BatchSummary.Stop.FAIL_FAST;
    }

    private void defer(Pending p) {
        lock.lock();
        try {
            deferred.add(p);
        } finally {
            lock.unlock();
        }
    }

    private int inFlightNow() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
