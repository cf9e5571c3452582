package dev.llmring.providers.google;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which model names are Gemini 3 or later (thought signatures, thinking levels), by a linear scan. */
class GeminiModelGenerationTest {

    @ParameterizedTest
    @ValueSource(strings = {"gemini-3-pro-preview", "gemini-3", "models/gemini-3.1-flash", "gemini-10-ultra"})
    void gemini3AndLaterAreRecognised(String model) {
        assertTrue(GeminiRequestEncoder.isGemini3OrLater(model), model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-2.5-flash", "gemini-1.5-pro", "gemini-", "gemini-3x", "gemma-3", "gemini-٣"})
    void earlierOrOtherModelsAreNot(String model) {
        assertFalse(GeminiRequestEncoder.isGemini3OrLater(model), model);
    }

    @org.junit.jupiter.api.Test
    void aHugeNameIsScannedOnce() {
        assertFalse(GeminiRequestEncoder.isGemini3OrLater("a/".repeat(200_000) + "x"));
    }
}
