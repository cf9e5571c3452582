package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The connection to the provider failed before a complete response arrived. Retried, then failed over. */
public class ConnectionException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public ConnectionException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
