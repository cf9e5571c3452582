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

    /** Which time bound ran out. */
    private final Kind kind;

    private final transient Duration limit;

    /**
     * Creates the exception.
     *
     * @param message what ran out, in words; never a key, a prompt or a request body
     * @param kind which time bound ran out
     * @param limit the bound's configured length
     * @param details where the call was when it ran out (provider, model …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public LlmRingTimeoutException(
            String message, Kind kind, Duration limit, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** {@return which time bound ran out} */
    public Kind kind() {
        return kind;
    }

    /** {@return the bound that ran out} */
    public Duration limit() {
        return limit;
    }

    /** Every kind but {@link Kind#DEADLINE} may succeed on another attempt. */
    @Override
    public boolean isRetryable() {
        return kind != Kind.DEADLINE;
    }
}
