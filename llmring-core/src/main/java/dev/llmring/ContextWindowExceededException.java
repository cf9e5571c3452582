package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The request does not fit the model's context window. The router fails over only to a binding with a larger window. */
public class ContextWindowExceededException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public ContextWindowExceededException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public ContextWindowExceededException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
