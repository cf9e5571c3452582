package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertEquals(
                "anthropic:claude-sonnet-4-5-20250929",
                new ModelRef("anthropic", "claude-sonnet-4-5-20250929").toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"gpt-4o", ":gpt-4o", "openai:", "open ai:gpt", "openai:gpt 4o", "-x:y", "openai:gpt\t4", ""})
    void rejectsMalformedReferencesNamingTheValue(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRef.parse(bad));
        assertTrue(e.getMessage().contains("'" + bad.replace("\t", "\\u0009") + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai:gpt-5", "ollama:llama3:8b", "openai:"})
    void isAModelReferenceWhenThePrefixIsAKnownProvider(String ref) {
        assertTrue(ModelRef.isModelReference(ref, Set.of("openai", "ollama")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"summarizer", "acme:summarizer", ":gpt-5", "groq:llama-3.3-70b"})
    void isNotAModelReferenceWithoutAKnownProviderPrefix(String aliasOrRef) {
        assertFalse(ModelRef.isModelReference(aliasOrRef, Set.of("openai", "ollama")));
    }
}
