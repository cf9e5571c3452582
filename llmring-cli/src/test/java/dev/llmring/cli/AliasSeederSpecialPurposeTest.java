package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AliasSeederSpecialPurposeTest {
    @Test
    void embeddingAndSpeechModelsAreSpecialPurposeInAnyCase() {
        assertTrue(AliasSeeder.isSpecialPurpose("text-Embedding-3-large"));
        assertTrue(AliasSeeder.isSpecialPurpose("gpt-4o-mini-TTS"));
    }

    @Test
    void longOrdinaryRegistryNameIsNotSpecialPurposeAndIsCheckedLinearly() {
        assertFalse(AliasSeeder.isSpecialPurpose("gpt-" + "x".repeat(1_000_000)));
    }
}
