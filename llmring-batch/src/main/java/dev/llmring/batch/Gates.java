package dev.llmring.batch;

import dev.llmring.ChatResponse;
import dev.llmring.LlmRingException;
import dev.llmring.RateLimitException;
import dev.llmring.RoutingTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Per-binding pauses after rate limiting: a binding that answered 429 gets no new request from the run until its
 * {@code Retry-After} has passed (or the default pause, when it named none), while lines for other bindings go on.
 * The router's own retries already wait on the same binding within one call; a pause here is for the binding a call
 * gave up on (failed over from, or failed with).
 */
final class Gates {
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Duration defaultPause;

    Gates(Duration defaultPause) {
        this.defaultPause = defaultPause;
    }

    /** When {@code binding} may be sent to again, if it is paused at {@code now}. */
    @Nullable
    Instant pausedUntil(String binding, Instant now) {
        Instant until = pausedUntil.get(binding);
        if (until == null) return null;
        if (!until.isAfter(now)) {
            pausedUntil.remove(binding, until);
            return null;
        }
        return until;
    }

    /** The earliest end of a pause after {@code now}, or null. */
    @Nullable
    Instant earliest(Instant now) {
        Instant first = null;
        for (Instant until : pausedUntil.values()) {
            if (until.isAfter(now) && (first == null || until.isBefore(first))) first = until;
        }
        return first;
    }

    /** Pauses the bindings that rate-limited a call which was then served by another. */
    void observe(ChatResponse response, Instant now) {
        for (RoutingTrace.Attempt a : response.trace().attempts()) {
            if (a.status() == 429 && !a.binding().equals(response.binding())) pause(a.binding(), null, now);
        }
    }

    /** Pauses the bindings that rate-limited a failed call: {@code e} and the failures suppressed in it. */
    void observe(LlmRingException e, Instant now) {
        note(e, now);
        for (Throwable s : e.getSuppressed()) {
            if (s instanceof LlmRingException l) note(l, now);
        }
    }

    private void note(LlmRingException e, Instant now) {
        if (!(e instanceof RateLimitException)
                || e.provider().isEmpty()
                || e.model().isEmpty()) return;
        pause(e.provider().get() + ":" + e.model().get(), e.retryAfter().orElse(null), now);
    }

    private void pause(String binding, @Nullable Duration retryAfter, Instant now) {
        Instant until = now.plus(retryAfter != null ? retryAfter : defaultPause);
        pausedUntil.merge(binding, until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
