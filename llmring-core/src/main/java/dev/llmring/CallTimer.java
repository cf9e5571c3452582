package dev.llmring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Times one call for its {@link Timing}: started with the call, told of every stream event as it is taken from the
 * stream, finished when the response is assembled. Reads {@link System#nanoTime()} when the client runs on the
 * system clock, else the injected clock (so that tests are deterministic). It reads the clock only for the first
 * event and for token events, and allocates nothing per event (the gap histogram, a few KB, once per stream with two
 * token events). Used by one thread at a time: the router's, then the one iterating the stream.
 */
final class CallTimer {
    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    private final LongSupplier ticker;
    private final long start;
    private boolean sawEvent;
    private long firstEvent;
    private long tokenEvents;
    private long firstToken;
    private long lastToken;
    private @Nullable GapHistogram gaps;

    CallTimer(LongSupplier ticker) {
        this.ticker = ticker;
        this.start = ticker.getAsLong();
    }

    /** A timer started now on {@code clock}'s time source. */
    static CallTimer start(Clock clock) {
        if (SYSTEM_CLOCK.isInstance(clock)) return new CallTimer(System::nanoTime);
        return new CallTimer(() -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    /** A new attempt starts sending: what earlier attempts delivered no longer counts. */
    void attempt() {
        sawEvent = false;
        tokenEvents = 0;
        gaps = null;
    }

    /** {@code event} was taken from the stream now. */
    void event(StreamEvent event) {
        boolean token = Timing.isTokenEvent(event);
        if (sawEvent && !token) return;
        long now = ticker.getAsLong();
        if (!sawEvent) {
            sawEvent = true;
            firstEvent = now;
        }
        if (!token) return;
        if (tokenEvents++ == 0) {
            firstToken = now;
        } else {
            GapHistogram g = gaps;
            if (g == null) gaps = g = new GapHistogram();
            g.record(now - lastToken);
        }
        lastToken = now;
    }

    /** The timing of the call, ending now; {@code usage} as the provider reported it, if it did. */
    Timing finish(@Nullable Usage usage, boolean streamed) {
        long end = ticker.getAsLong();
        GapHistogram g = gaps;
        boolean estimated = usage == null && streamed;
        long output = usage != null ? usage.outputTokens() : estimated ? tokenEvents : 0;
        return new Timing(
                streamed && sawEvent ? nanos(firstEvent - start) : null,
                streamed && tokenEvents > 0 ? nanos(firstToken - start) : null,
                nanos(end - start),
                streamed ? tokenEvents : 0,
                g == null ? 0 : g.count(),
                g == null ? null : nanos(g.meanNanos()),
                g == null ? null : nanos(g.percentileNanos(0.50)),
                g == null ? null : nanos(g.percentileNanos(0.99)),
                g == null ? null : nanos(g.maxNanos()),
                output,
                estimated);
    }

    private static Duration nanos(long nanos) {
        return Duration.ofNanos(Math.max(0, nanos));
    }
}
