package dev.llmring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Time bounds of exchanges in flight, kept by one daemon thread per client that sleeps until the earliest bound it
 * knows of. Starting and ending a bound is a set insertion and removal; the thread is woken only when a new bound ends
 * before the time it already planned to look, so a steady stream of calls with the usual bounds (minutes, while calls
 * take milliseconds) wakes it about once per bound's length, not once per call.
 *
 * <p>Why not the JDK's own request timeout: every {@code HttpRequest} with a timeout registers a timer with the
 * HttpClient under its lock and wakes its selector thread, once per exchange; under many concurrent calls that is a
 * contended lock and a system call on the thread that does all the client's I/O.
 *
 * <p>The thread ends after a minute without bounds (like the worker pool's idle threads), so a client that is never
 * closed keeps no thread parked for good; the next bound starts a new one.
 */
final class ExchangeTimer {
    private static final AtomicInteger TIMERS = new AtomicInteger();
    private static final long IDLE_NANOS = 60_000_000_000L;

    private final long idleNanos;
    private final Set<Bound> bounds = ConcurrentHashMap.newKeySet();
    private final String name = "llmring-timer-" + TIMERS.incrementAndGet();
    /** When the thread will look next; meaningless while {@link #alert}. */
    private volatile long wakeAt;
    /** The thread is looking now, or sleeping until woken: every new bound wakes it. */
    private volatile boolean alert = true;

    private volatile boolean stopped;
    private volatile @Nullable Thread thread;

    ExchangeTimer() {
        this(IDLE_NANOS);
    }

    /** A timer whose thread ends after {@code idleNanos} without bounds. */
    ExchangeTimer(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    /** A running bound; {@linkplain #close() closing} it before it ends means it never fires. */
    final class Bound implements AutoCloseable {
        private final long at;
        private final Runnable onExpiry;

        private Bound(long at, Runnable onExpiry) {
            this.at = at;
            this.onExpiry = onExpiry;
        }

        @Override
        public void close() {
            bounds.remove(this);
        }
    }

    /**
     * Starts a bound that runs {@code onExpiry} on the timer's thread once {@code nanos} have passed, unless closed
     * first. {@code onExpiry} must be quick and must tolerate running just after the bound was closed.
     */
    Bound start(long nanos, Runnable onExpiry) {
        long now = System.nanoTime();
        long at = now + Math.min(Math.max(0, nanos), Long.MAX_VALUE / 4);
        Bound b = new Bound(at, onExpiry);
        bounds.add(b);
        Thread t = thread;
        if (t == null) t = startThread();
        if (alert || at - wakeAt < 0) LockSupport.unpark(t);
        return b;
    }

    /** Stops the thread; bounds still running never fire. */
    synchronized void stop() {
        stopped = true;
        bounds.clear();
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /** Whether a thread is running (for tests). */
    boolean running() {
        return thread != null;
    }

    private synchronized Thread startThread() {
        Thread t = thread;
        if (t == null) {
            t = new Thread(this::run, name);
            t.setDaemon(true);
            thread = t;
            if (!stopped) t.start();
        }
        return t;
    }

    /**
     * Whether the thread may end, having been idle: it gives up its place first and then looks again, so that a bound
     * started meanwhile either sees no thread (and starts one) or is seen here (and this thread stays).
     */
    private boolean retire() {
        Thread self = Thread.currentThread();
        synchronized (this) {
            if (thread != self) return true;
            thread = null;
        }
        if (bounds.isEmpty()) return true;
        synchronized (this) {
            if (thread != null) return true; // a new thread took over
            thread = self;
            return false;
        }
    }

    private void run() {
        long idleSince = System.nanoTime();
        while (!stopped) {
            alert = true;
            long now = System.nanoTime();
            long next = 0;
            boolean any = false;
            for (Bound b : bounds) {
                if (b.at - now <= 0) {
                    if (bounds.remove(b)) fire(b);
                } else if (!any || b.at - next < 0) {
                    next = b.at;
                    any = true;
                }
            }
            if (any) {
                idleSince = now;
                wakeAt = next;
                alert = false;
                LockSupport.parkNanos(this, next - now);
            } else if (now - idleSince >= idleNanos) {
                if (retire()) return;
                idleSince = now;
            } else {
                LockSupport.parkNanos(this, idleNanos - (now - idleSince));
            }
        }
    }

    private static void fire(Bound b) {
        try {
            b.onExpiry.run();
        } catch (RuntimeException e) {
            // an expiry action that fails must not stop the timer of every other exchange
        }
    }
}
