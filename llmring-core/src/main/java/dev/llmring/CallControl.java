package dev.llmring;

import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Cancellation of one call: remembers the exchange in flight so that {@link #cancel()} from any thread aborts it: the
 * thread blocked sending it (interrupted: {@code HttpClient.send} aborts the exchange on interrupt), the body being
 * collected, or the stream after the headers. It also interrupts the worker running a {@code chatAsync} call so that
 * a backoff sleep ends too.
 */
final class CallControl {
    private volatile boolean cancelled;
    private @Nullable BodyCollector body;
    private @Nullable StreamSubscriber stream;
    private @Nullable Thread worker;
    private @Nullable Thread sender;
    private @Nullable Object sendToken;
    private boolean senderInterrupted;
    private boolean expired;
    private @Nullable Runnable onDone;

    boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancellationException when the call was cancelled */
    void checkNotCancelled() {
        if (cancelled) throw new CancellationException("the call was cancelled");
    }

    /**
     * Registers the calling thread as sending an exchange, or sleeping before a retry ({@link #cancel()} and
     * {@link #expire} interrupt it) under
     * {@code token}, or ({@code null}) unregisters it, clearing any interrupt this control gave it so that it never
     * outlives the exchange, and forgetting an expiry.
     *
     * @throws CancellationException when registering a call that was already cancelled
     */
    synchronized void sending(@Nullable Object token) {
        if (token != null) {
            checkNotCancelled();
            sender = Thread.currentThread();
            sendToken = token;
            expired = false;
            return;
        }
        sender = null;
        sendToken = null;
        expired = false;
        if (senderInterrupted) {
            senderInterrupted = false;
            Thread.interrupted();
        }
    }

    /**
     * The time bound of the exchange sent under {@code token} ran out: its sender is interrupted (which aborts the
     * exchange) and {@link #expired()} says why. Does nothing once that exchange is no longer being sent.
     */
    synchronized void expire(Object token) {
        Thread s = sender;
        if (s == null || sendToken != token || cancelled) return;
        expired = true;
        senderInterrupted = true;
        s.interrupt();
    }

    /** Whether the exchange being sent was interrupted by {@link #expire}. */
    synchronized boolean expired() {
        return expired;
    }

    /** Remembers the body being collected ({@link #cancel()} cancels it); null when done. */
    synchronized void body(@Nullable BodyCollector collector) {
        body = collector;
        if (cancelled && collector != null) collector.cancel();
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
        BodyCollector b;
        StreamSubscriber s;
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
            b = body;
            s = stream;
            if (worker != null) worker.interrupt();
            if (sender != null && sender != worker) {
                senderInterrupted = true;
                sender.interrupt();
            }
        }
        if (b != null) b.cancel();
        if (s != null) s.cancel();
    }
}
