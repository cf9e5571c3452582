package dev.llmring;

import org.jspecify.annotations.Nullable;

/** A call was refused before it was sent because its worst-case cost or size exceeds a configured budget. */
public class BudgetExceededException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public BudgetExceededException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     */
    public BudgetExceededException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
