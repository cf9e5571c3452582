package dev.llmring.internal.receipts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue drained by one background thread. {@link #offer} never blocks and never throws: when the queue is
 * full (the server is slow or down) or closed, the item is dropped and counted. A send that fails is dropped and
 * counted too; nothing is retried, so a dead server cannot build a backlog. {@link #close} stops taking items and
 * lets the thread drain what is queued for at most the close timeout; whatever is left then is dropped.
 *
 * @param <T> the item type
 */
public final class UsageLogQueue<T> implements AutoCloseable {
    /** Sends one item; any exception counts as a failed send. */
    @FunctionalInterface
    public interface Sender<T> {
        void send(T item) throws Exception;
    }

    private static final Object STOP = new Object();

    private final int capacity;
    private final Sender<T> sender;
    private final Duration closeTimeout;
    private final RateLimitedWarning warning;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;

    public UsageLogQueue(
            int capacity, Sender<T> sender, Duration closeTimeout, RateLimitedWarning warning, String threadName) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.warning = Objects.requireNonNull(warning, "warning");
        this.worker = new Thread(this::drain, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues an item; false (and counted as dropped) when the queue is full or closed. Never blocks. */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        if (closed.get()) {
            drop("the usage logger is closed");
            return false;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            drop("the queue of " + capacity + " records is full (server slow or down)");
            return false;
        }
        queue.add(item);
        return true;
    }

    public long sentCount() {
        return sent.get();
    }

    /** Items that never reached the server: refused when full or closed, failed to send, or abandoned at close. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Items queued and not yet sent. */
    public int pendingCount() {
        return pending.get();
    }

    private void drop(String reason) {
        dropped.incrementAndGet();
        warning.dropped(reason);
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return; // close() gave up waiting; it counts what is left
            }
            if (next == STOP) {
                return;
            }
            try {
                sender.send((T) next);
                sent.incrementAndGet();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                drop(e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    /**
     * Stops taking items and waits, at most the close timeout, for the queued ones to be sent. Items still queued
     * after that are dropped. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.add(STOP);
        try {
            worker.join(Math.max(1, closeTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        for (Object item : left) {
            if (item != STOP) {
                pending.decrementAndGet();
                drop("the usage logger closed before the record was sent");
            }
        }
    }
}
