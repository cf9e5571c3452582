package dev.llmring;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records the delay and returns
 * at once (and may advance an injected {@link java.time.Clock}), so that retry tests never sleep.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait
     * @throws InterruptedException when the waiting thread is interrupted (the call is then abandoned)
     */
    void sleep(Duration duration) throws InterruptedException;

    /** {@return a sleeper that sleeps the calling thread ({@link Thread#sleep(long, int)})} */
    static Sleeper system() {
        return duration -> {
            long nanos = duration.toNanos();
            if (nanos > 0) Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        };
    }
}
