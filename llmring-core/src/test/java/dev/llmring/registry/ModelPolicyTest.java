package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPolicyTest {
    @Test
    void allowAllPermitsEverything() {
        assertTrue(ModelPolicy.allowAll().permits("openai", "gpt-anything"));
    }

    @Test
    void allowListPermitsOnlyMatchingModels() {
        ModelPolicy p = ModelPolicy.builder().allow("openai:*").build();
        assertTrue(p.permits("openai", "fixture-small"));
        assertFalse(p.permits("anthropic", "fixture-sonnet"));
    }

    @Test
    void denyWinsOverAllow() {
        ModelPolicy p = ModelPolicy.builder()
                .allow("openai:*")
                .deny("openai:fixture-large*")
                .build();
        assertFalse(p.permits("openai", "fixture-large-2030-01-01"));
        assertEquals(
                "openai:fixture-large-2030-01-01 is denied by pattern 'openai:fixture-large*'",
                p.refusal("openai", "fixture-large-2030-01-01").orElseThrow());
    }

    @Test
    void patternWithoutColonNamesAWholeProvider() {
        assertFalse(ModelPolicy.builder().deny("ollama").build().permits("ollama", "llama3:8b"));
    }

    @Test
    void questionMarkMatchesOneCharacterAndDotsAreLiteral() {
        ModelPolicy p = ModelPolicy.builder().allow("openai:gpt-4.?").build();
        assertTrue(p.permits("openai", "gpt-4.1"));
        assertFalse(p.permits("openai", "gpt-4x1"));
        assertFalse(p.permits("openai", "gpt-4.10"));
    }

    @Test
    void starsMatchAnyRunIncludingEmptyAndColons() {
        assertTrue(ModelPolicy.globMatches("a*b*c", "abc"));
        assertTrue(ModelPolicy.globMatches("a*b*c", "a:xbyyb:c"));
        assertTrue(ModelPolicy.globMatches("*", ""));
        assertFalse(ModelPolicy.globMatches("a*b*c", "a:xbyyb:cd"));
        assertFalse(ModelPolicy.globMatches("a?", "a"));
    }

    @Test
    void manyStarGlobAgainstALongRefFinishesWithoutBacktrackingBlowUp() {
        String glob = "openai:" + "*a".repeat(30) + "*b";
        String model = "a".repeat(100_000);

        assertFalse(ModelPolicy.builder().allow(glob).build().permits("openai", model));
    }

    @Test
    void environmentListsAreReadCommaSeparated() {
        Map<String, String> env = Map.of("LLMRING_DENIED_MODELS", "openai:fixture-large*, anthropic:*");
        ModelPolicy p = ModelPolicy.builder().environment(env::get).build();
        assertFalse(p.permits("anthropic", "x"));
        assertFalse(p.permits("openai", "fixture-large"));
        assertTrue(p.permits("openai", "fixture-small"));
    }

    @Test
    void environmentAllowListNarrowsTheBuildersAllowList() {
        ModelPolicy p = ModelPolicy.builder()
                .allow("openai:*", "anthropic:*")
                .environment(Map.of("LLMRING_ALLOWED_MODELS", "anthropic:*")::get)
                .build();
        assertFalse(p.permits("openai", "fixture-small"));
        assertTrue(p.permits("anthropic", "fixture-sonnet"));
    }

    @Test
    void aDeniedAliasRefusesTheModel() {
        ModelInfo m = ModelInfo.builder("openai", "fixture-large-2030-01-01")
                .alias("fixture-large")
                .build();
        assertFalse(ModelPolicy.builder().deny("openai:fixture-large").build().permits(m));
    }

    @Test
    void anAllowedAliasPermitsTheModel() {
        ModelInfo m = ModelInfo.builder("openai", "fixture-large-2030-01-01")
                .alias("fixture-large")
                .build();
        assertTrue(ModelPolicy.builder().allow("openai:fixture-large").build().permits(m));
    }

    @Test
    void malformedPatternsAreRejectedNamingTheSource() {
        assertThrows(IllegalArgumentException.class, () -> ModelPolicy.builder().allow("openai:a b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelPolicy.builder()
                .environment(Map.of("LLMRING_ALLOWED_MODELS", "a b")::get)
                .build());
        assertTrue(e.getMessage().startsWith("LLMRING_ALLOWED_MODELS"), e.getMessage());
    }
}
