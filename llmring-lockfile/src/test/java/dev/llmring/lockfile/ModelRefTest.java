package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ModelRefTest {

    @Test
    void splitsOnTheFirstColonOnly() {
        ModelRef ref = ModelRef.parse("ollama:llama3:8b");
        assertEquals("ollama", ref.provider());
        assertEquals("llama3:8b", ref.model());
        assertEquals("ollama:llama3:8b", ref.toString());
    }

    @Test
    void printsAsProviderColonModel() {
        assertEquals("anthropic:claude-sonnet-4-5-20250929",
                new ModelRef("anthropic", "claude-sonnet-4-5-20250929").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", ":gpt-4o", "openai:", "open ai:gpt", "openai:gpt 4o", "-x:y", "openai:gpt\t4", ""})
    void rejectsMalformedReferencesNamingTheValue(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRef.parse(bad));
        assertTrue(e.getMessage().contains("'" + bad.replace("\t", "\\u0009") + "'"), e.getMessage());
    }
}
