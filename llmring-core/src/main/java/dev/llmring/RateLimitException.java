package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The provider is rate limiting (HTTP 429). Retried after {@link #retryAfter()} when given, then failed over. */
public class RateLimitException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public RateLimitException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public RateLimitException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
