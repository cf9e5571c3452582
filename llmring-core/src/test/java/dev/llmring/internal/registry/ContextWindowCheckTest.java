package dev.llmring.internal.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ContextWindowExceededException;
import dev.llmring.registry.ModelInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextWindowCheckTest {
    // "x" × 400 -> 100 tokens + 4 + 3 = 107
    private static final ChatRequest REQUEST =
            ChatRequest.builder("a").user("x".repeat(400)).build();

    @Test
    void refusesInputLargerThanTheWindowNamingBoth() {
        ModelInfo m = ModelInfo.builder("openai", "tiny").maxInputTokens(100).build();
        ContextWindowExceededException e =
                assertThrows(ContextWindowExceededException.class, () -> ContextWindowCheck.check(m, REQUEST));
        assertTrue(e.getMessage().contains("107") && e.getMessage().contains("100"), e.getMessage());
        assertEquals(Optional.of("openai"), e.provider());
    }

    @Test
    void acceptsInputThatFits() {
        ModelInfo m = ModelInfo.builder("openai", "small").maxInputTokens(107).build();
        assertDoesNotThrow(() -> ContextWindowCheck.check(m, REQUEST));
    }

    @Test
    void unknownWindowNeverRefuses() {
        assertDoesNotThrow(
                () -> ContextWindowCheck.check(ModelInfo.builder("openai", "x").build(), REQUEST));
    }
}
