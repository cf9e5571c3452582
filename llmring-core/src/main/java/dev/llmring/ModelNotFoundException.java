package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The provider does not know the model (HTTP 404 or a model-not-found error). The router fails over. */
public class ModelNotFoundException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public ModelNotFoundException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
