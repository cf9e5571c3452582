package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The provider could not serve the request now: HTTP 408, 409, 5xx, or 529 (overloaded). Retried, then failed over. */
public class ProviderUnavailableException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public ProviderUnavailableException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
