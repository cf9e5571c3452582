package dev.llmring;

import dev.llmring.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when the sleeper sleeps, and a sleeper that records and returns at once. */
final class FakeTime extends MutableClock implements Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    FakeTime(Instant start) {
        super(start);
    }

    FakeTime() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }
}
