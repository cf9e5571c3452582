package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The provider could not serve the request now: HTTP 408, 409, 5xx, or 529 (overloaded). Retried, then failed over. */
public class ProviderUnavailableException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public ProviderUnavailableException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     */
    public ProviderUnavailableException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
