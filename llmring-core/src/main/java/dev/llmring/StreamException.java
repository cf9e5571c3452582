package dev.llmring;

import org.jspecify.annotations.Nullable;

/** A stream ended badly: malformed events, a body cut mid-way, or an error event from the provider. Once content has reached the caller it is never retried. */
public class StreamException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public StreamException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public StreamException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
