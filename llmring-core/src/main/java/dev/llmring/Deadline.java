package dev.llmring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The one deadline of a call, across every attempt, sleep and failover; measured on the client's clock. */
final class Deadline {
    private final Instant start;
    private final Instant at;
    private final Duration limit;
    private final Clock clock;

    Deadline(Clock clock, Duration limit) {
        this.clock = clock;
        this.start = clock.instant();
        this.limit = limit;
        this.at = start.plus(limit);
    }

    Instant start() {
        return start;
    }

    Duration limit() {
        return limit;
    }

    /** Time left (zero or negative when it ran out). */
    Duration remaining() {
        return Duration.between(clock.instant(), at);
    }

    Duration elapsed() {
        return Duration.between(start, clock.instant());
    }
}
