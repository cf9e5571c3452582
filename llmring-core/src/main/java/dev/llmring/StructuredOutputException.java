package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The model's answer did not parse or did not validate against the requested schema. Never passed on silently. */
public class StructuredOutputException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public StructuredOutputException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public StructuredOutputException(String message, ErrorDetails details) {
        super(message, details, null);
    }

}
