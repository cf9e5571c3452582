package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The connection to the provider failed before a complete response arrived. Retried, then failed over. */
public class ConnectionException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public ConnectionException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     */
    public ConnectionException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
