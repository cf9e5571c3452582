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
    private boolean senderInterrupted;
    private @Nullable Runnable onDone;

    boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancellationException when the call was cancelled */
    void checkNotCancelled() {
        if (cancelled) throw new CancellationException("the call was cancelled");
    }

    /**
     * Registers the calling thread as sending an exchange ({@link #cancel()} interrupts it), or ({@code false})
     * unregisters it, clearing the interrupt that {@link #cancel()} gave it so that it never outlives the call.
     *
     * @throws CancellationException when registering a call that was already cancelled
     */
    synchronized void sending(boolean sending) {
        if (sending) {
            checkNotCancelled();
            sender = Thread.currentThread();
            return;
        }
        sender = null;
        if (senderInterrupted) {
            senderInterrupted = false;
            Thread.interrupted();
        }
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
