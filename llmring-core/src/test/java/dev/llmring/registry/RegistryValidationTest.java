package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.registry.RegistryValidation.Problem;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryValidationTest {
    private static final LocalDate TODAY = LocalDate.of(2030, 2, 1);

    @TempDir
    Path cache;

    private final Registry registry =
            Registry.builder().baseUrl(RegistryServer.FIXTURE.toUri()).build();

    private List<String> validate(List<String> refs, Map<String, Integer> pinned) {
        return RegistryValidation.validate(registry, refs, pinned, TODAY).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void validModelsHaveNoProblems() {
        List<Problem> p = RegistryValidation.validate(
                registry, List.of("openai:fixture-large", "anthropic:fixture-sonnet-2030-01-01"), Map.of(), TODAY);
        assertEquals(List.of(), p);
        assertFalse(RegistryValidation.hasErrors(p));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = validate(
                List.of(
                        "openai:nope",
                        "openai:fixture-retired",
                        "bogus",
                        "anthropic:fixture-haiku",
                        "anthropic:missing"),
                Map.of());
        assertEquals(
                List.of(
                        "ERROR openai:nope: not in the registry (version 3)",
                        "ERROR openai:fixture-retired: no longer active at the provider",
                        "ERROR openai:fixture-retired: deprecated since 2029-06-30",
                        "ERROR bogus: not a provider:model reference",
                        "WARNING anthropic:fixture-haiku: deprecated from 2030-06-01",
                        "ERROR anthropic:missing: not in the registry (version 5)"),
                problems);
    }

    @Test
    void checksExistenceInThePinnedSnapshot() {
        // fixture-gone exists only in openai v2; fixture-thinker only in v3
        assertEquals(
                List.of("ERROR openai:fixture-thinker: not in pinned registry version 2"),
                validate(List.of("openai:fixture-gone", "openai:fixture-thinker"), Map.of("openai", 2)));
    }

    @Test
    void judgesLifecycleOfPinnedModelsByCurrentData() {
        // fixture-retired is active in v2 but retired in current (v3)
        assertTrue(validate(List.of("openai:fixture-retired"), Map.of("openai", 2))
                .contains("ERROR openai:fixture-retired: no longer active at the provider"));
    }

    @Test
    void missingPinnedSnapshotIsOneProviderError() {
        List<String> problems = validate(List.of("openai:fixture-small", "openai:fixture-large"), Map.of("openai", 42));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("ERROR openai: the registry has no version 42"), problems.get(0));
    }

    @Test
    void providerWithoutRegistryDataIsAWarning() {
        assertEquals(
                List.of("WARNING ollama: the registry has no data for this provider; its models cannot be checked"),
                validate(List.of("ollama:llama3:8b", "ollama:qwen"), Map.of()));
    }

    @Test
    void unreachableRegistryIsOneErrorPerProvider() {
        Registry offline = Registry.builder()
                .cacheDirectory(cache)
                .offline(true)
                .environment(n -> null)
                .build();
        List<Problem> p = RegistryValidation.validate(offline, List.of("openai:a", "openai:b"), Map.of(), TODAY);
        assertEquals(1, p.size());
        assertTrue(RegistryValidation.hasErrors(p));
        assertEquals("openai", p.get(0).subject());
    }
}
