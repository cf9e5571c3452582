package dev.llmring;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Cancellation of one call: remembers the exchange in flight (the HTTP future before the headers, the stream after
 * them) so that {@link #cancel()} from any thread aborts it, and interrupts the worker running a {@code chatAsync}
 * call so that a backoff sleep ends too.
 */
final class CallControl {
    private volatile boolean cancelled;
    private @Nullable Future<?> inFlight;
    private @Nullable StreamSubscriber stream;
    private @Nullable Thread worker;
    private @Nullable Runnable onDone;

    boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancellationException when the call was cancelled */
    void checkNotCancelled() {
        if (cancelled) throw new CancellationException("the call was cancelled");
    }

    synchronized void inFlight(@Nullable Future<?> future) {
        inFlight = future;
        if (cancelled && future != null) future.cancel(true);
    }

    synchronized void stream(@Nullable StreamSubscriber subscriber) {
        stream = subscriber;
        if (cancelled && subscriber != null) subscriber.cancel();
    }

    /**
     * The thread to interrupt on cancel; null when the call runs on the caller's own thread. A worker unregisters
     * (null) when its task ends and then clears its interrupt flag: no interrupt can reach it after that.
     */
    synchronized void worker(@Nullable Thread thread) {
        worker = thread;
    }

    /** Runs {@code action} once when the call is {@link #done()}. */
    synchronized void onDone(Runnable action) {
        onDone = action;
    }

    /** The call ended (any way); runs the {@link #onDone} action once. */
    void done() {
        Runnable r;
        synchronized (this) {
            r = onDone;
            onDone = null;
        }
        if (r != null) r.run();
    }

    /** Aborts whatever is in flight. Idempotent, callable from any thread. */
    void cancel() {
        Future<?> f;
        StreamSubscriber s;
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
            f = inFlight;
            s = stream;
            if (worker != null) worker.interrupt();
        }
        if (f != null) f.cancel(true);
        if (s != null) s.cancel();
    }
}
