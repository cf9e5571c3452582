package dev.llmring.internal.fetch;

import dev.llmring.RemoteUrlRefusedException.Rule;
import java.time.Duration;
import java.util.function.LongSupplier;

/** The total time bound of one fetch, read from an injected nano source. */
final class Deadline {
    private final LongSupplier nanos;
    private final long start;
    private final long totalNanos;
    private final String display;

    Deadline(LongSupplier nanos, Duration total, String display) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.totalNanos = total.toNanos();
        this.display = display;
    }

    /** Time left; refuses with {@link Rule#TIMEOUT} when none is. */
    Duration remaining() {
        long left = totalNanos - (nanos.getAsLong() - start);
        if (left <= 0) {
            throw Refusal.of(Rule.TIMEOUT, display, "took longer than " + Duration.ofNanos(totalNanos) + " in total");
        }
        return Duration.ofNanos(left);
    }

    /** The socket timeout for the next read: the read bound or the time left, whichever is shorter, at least 1 ms. */
    int nextReadTimeoutMillis(Duration readTimeout) {
        Duration left = remaining();
        Duration bound = left.compareTo(readTimeout) < 0 ? left : readTimeout;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bound.toMillis()));
    }
}
