package dev.llmring;

import org.jspecify.annotations.Nullable;

/**
 * A stream ended badly: malformed events, a body cut mid-way, or an error event from the provider. Once content has
 * reached the caller it is never retried.
 */
public class StreamException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public StreamException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     */
    public StreamException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
