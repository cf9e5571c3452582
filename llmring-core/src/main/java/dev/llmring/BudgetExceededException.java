package dev.llmring;

import org.jspecify.annotations.Nullable;

/** A call was refused before it was sent because its worst-case cost or size exceeds a configured budget. */
public class BudgetExceededException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public BudgetExceededException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public BudgetExceededException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
