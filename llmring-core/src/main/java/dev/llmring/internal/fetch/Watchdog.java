package dev.llmring.internal.fetch;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A backstop for the total time bound: closes the socket when the bound passes in real time. The per-read checks
 * in {@link ResponseInput} catch a trickling body; this catches what they cannot see, such as a TLS handshake
 * trickled one byte at a time (the handshake's reads happen inside JSSE). One daemon thread, shared, idle-timed.
 */
final class Watchdog implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final ScheduledFuture<?> task;
    private volatile boolean fired;

    private Watchdog(Socket socket, Duration bound) {
        this.task = TIMER.schedule(
                () -> {
                    fired = true;
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is all we can do
                    }
                },
                Math.max(1, bound.toNanos()),
                TimeUnit.NANOSECONDS);
    }

    static Watchdog start(Socket socket, Duration bound) {
        return new Watchdog(socket, bound);
    }

    /** Whether the bound passed and the socket was closed. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        task.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "llmring-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
