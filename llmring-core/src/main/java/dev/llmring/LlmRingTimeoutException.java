package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A time bound ran out. {@link #kind()} says which: the whole call's deadline, one attempt, connecting, the first
 * stream event, or the gap between two stream events. A deadline ends the call; the others are retried and failed
 * over while the deadline allows.
 */
public class LlmRingTimeoutException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /** Which time bound ran out. */
    public enum Kind {
        /** The overall deadline of the call, across all retries and failovers. */
        DEADLINE,
        /** Establishing the connection. */
        CONNECT,
        /** One attempt (request sent, complete response not received in time). */
        ATTEMPT,
        /** A stream produced no first event in time. */
        FIRST_EVENT,
        /** A stream went silent between two events for too long. */
        IDLE
    }

    private final Kind kind;
    private final transient Duration limit;

    public LlmRingTimeoutException(
            String message, Kind kind, Duration limit, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    public Kind kind() {
        return kind;
    }

    /** The bound that ran out. */
    public Duration limit() {
        return limit;
    }

    /** Every kind but {@link Kind#DEADLINE} may succeed on another attempt. */
    @Override
    public boolean isRetryable() {
        return kind != Kind.DEADLINE;
    }
}
