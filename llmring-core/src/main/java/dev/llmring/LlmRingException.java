package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of every error a call can raise. The subclass says what happened; {@link #isRetryable()} says whether
 * trying the same request again may succeed. When the error ends a routed call, {@link #trace()} tells which
 * bindings were tried and how each attempt ended.
 *
 * <p>Messages never contain API keys, request bodies or prompts.
 */
public class LlmRingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorDetails details;
    private transient volatile @Nullable RoutingTrace trace;

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public LlmRingException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.details = Objects.requireNonNull(details, "details");
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     */
    public LlmRingException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    /** {@return where and how the call failed} */
    public ErrorDetails details() {
        return details;
    }

    /** {@return the provider the failed call went to, when known} */
    public Optional<String> provider() {
        return details.provider();
    }

    /** {@return the model the failed call asked for, when known} */
    public Optional<String> model() {
        return details.model();
    }

    /** {@return the HTTP status, or 0 when there was none} */
    public int status() {
        return details.status();
    }

    /** {@return the provider's id for the failed request, for support tickets, when it sent one} */
    public Optional<String> requestId() {
        return details.requestId();
    }

    /** {@return how long the provider asked us to wait before trying again, when it said so} */
    public Optional<Duration> retryAfter() {
        return details.retryAfter();
    }

    /** {@return whether sending the same request again (to the same binding) may succeed} */
    public boolean isRetryable() {
        return false;
    }

    /** {@return the routing trace of the call this error ended, once the router has attached it} */
    public Optional<RoutingTrace> trace() {
        return Optional.ofNullable(trace);
    }

    /** Attaches the routing trace; done once, by the router, before the error reaches the caller. */
    final void attachTrace(RoutingTrace trace) {
        if (this.trace == null) {
            this.trace = Objects.requireNonNull(trace, "trace");
        }
    }
}
