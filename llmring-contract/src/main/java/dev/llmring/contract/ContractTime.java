package dev.llmring.contract;

import dev.llmring.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when the sleeper sleeps, and a sleeper that records each delay and returns at once. */
final class ContractTime extends Clock implements Sleeper {
    static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now.updateAndGet(i -> i.plus(duration));
    }

    /** The delays slept so far, in order. */
    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    void reset() {
        sleeps.clear();
        now.set(START);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
