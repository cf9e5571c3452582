package dev.llmring.internal.registry;

import dev.llmring.ChatRequest;
import dev.llmring.ContextWindowExceededException;
import dev.llmring.ErrorDetails;
import dev.llmring.registry.ModelInfo;
import java.util.Objects;

/** Refuses a request whose estimated input ({@link TokenEstimator}) exceeds the model's {@code max_input_tokens}. */
public final class ContextWindowCheck {
    private ContextWindowCheck() {}

    /**
     * @throws ContextWindowExceededException naming the estimate and the window, when the model's window is known and
     *     the estimate exceeds it
     */
    public static void check(ModelInfo model, ChatRequest request) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        if (model.maxInputTokens().isEmpty()) return;
        long estimate = TokenEstimator.inputTokens(request);
        int window = model.maxInputTokens().getAsInt();
        if (estimate > window) {
            throw new ContextWindowExceededException(
                    "estimated " + estimate + " input tokens exceed the context window of " + window + " tokens of "
                            + model.ref(),
                    ErrorDetails.of(model.provider(), model.modelName()));
        }
    }
}
