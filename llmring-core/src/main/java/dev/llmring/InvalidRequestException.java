package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The provider rejected the request as invalid (HTTP 400 or 422). Not retried, and no failover: another binding would reject it too. */
public class InvalidRequestException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public InvalidRequestException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
