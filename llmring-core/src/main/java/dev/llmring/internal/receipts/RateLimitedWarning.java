package dev.llmring.internal.receipts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Says "something was dropped" at most once per interval, with how many were dropped since it last spoke, so a
 * server that is down for an hour costs one log line a minute, not one per call.
 */
public final class RateLimitedWarning {
    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> sink;
    private Instant last = Instant.MIN;
    private long suppressed;

    public RateLimitedWarning(Clock clock, Duration interval, Consumer<String> sink) {
        this.clock = clock;
        this.interval = interval;
        this.sink = sink;
    }

    /** Records one drop; speaks if the interval since the last warning has passed. */
    public void dropped(String reason) {
        String message;
        synchronized (this) {
            suppressed++;
            Instant now = clock.instant();
            if (!last.equals(Instant.MIN) && now.isBefore(last.plus(interval))) {
                return;
            }
            message = "llmring server: dropped " + suppressed + " usage log record" + (suppressed == 1 ? "" : "s")
                    + (last.equals(Instant.MIN)
                            ? ""
                            : " in the last " + Duration.between(last, now).toSeconds() + "s")
                    + "; last reason: " + reason;
            last = now;
            suppressed = 0;
        }
        sink.accept(message);
    }
}
