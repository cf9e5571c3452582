package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking models up: names, aliases, pinned snapshots, missing data, and the document's quirks. */
class RegistryTest {
    @TempDir
    Path cache;

    private final RegistryServer server = new RegistryServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private Registry registry() {
        return server.registry(cache).build();
    }

    @Test
    void readsCurrentModelWithExactDecimalPrices() {
        ModelInfo m = registry().model("openai", "fixture-large-2030-01-01").orElseThrow();
        assertEquals("openai:fixture-large-2030-01-01", m.ref());
        assertEquals(new BigDecimal("2.5"), m.inputPrice().orElseThrow());
        assertEquals(new BigDecimal("10.0"), m.outputPrice().orElseThrow());
        assertEquals(new BigDecimal("1.25"), m.cachedInputPrice().orElseThrow());
        assertEquals(3, m.registryVersion().getAsInt());
        assertEquals(100000, m.maxInputTokens().getAsInt());
    }

    @Test
    void findsModelByAlias() {
        assertEquals(
                "fixture-large-2030-01-01",
                registry().model("openai", "fixture-large").orElseThrow().modelName());
    }

    @Test
    void findsModelByAliasInPinnedSnapshotToo() {
        ModelInfo m = registry().model("openai", "fixture-large", 2).orElseThrow();
        assertEquals("fixture-large-2030-01-01", m.modelName());
        assertEquals(2, m.registryVersion().getAsInt());
    }

    @Test
    void findsModelCaseInsensitivelyAsLastResort() {
        assertEquals(
                "fixture-small",
                registry().model("openai", "FIXTURE-SMALL").orElseThrow().modelName());
    }

    @Test
    void ignoresProviderPrefixInModelName() {
        assertTrue(registry().model("openai", "openai:fixture-small").isPresent());
    }

    @Test
    void pinnedVersionServesSnapshotPrices() {
        Registry r = registry();
        assertEquals(
                new BigDecimal("5.0"),
                r.model("openai", "fixture-large", 2).orElseThrow().inputPrice().orElseThrow());
        assertEquals(
                new BigDecimal("2.5"),
                r.model("openai", "fixture-large").orElseThrow().inputPrice().orElseThrow());
    }

    @Test
    void unknownModelIsEmpty() {
        assertTrue(registry().model("openai", "no-such-model").isEmpty());
    }

    @Test
    void providerWithoutRegistryFileHasNoModels() {
        Registry r = registry();
        assertTrue(r.model("ollama", "llama3:8b").isEmpty());
        assertEquals(0, r.currentVersion("ollama"));
    }

    @Test
    void missingSnapshotIsRegistryExceptionNamingTheVersion() {
        RegistryException e =
                assertThrows(RegistryException.class, () -> registry().model("openai", "fixture-small", 99));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        assertEquals(Optional.of("openai"), e.provider());
    }

    @Test
    void currentVersionIsTheDocumentsVersion() {
        assertEquals(3, registry().currentVersion("openai"));
        assertEquals(5, registry().currentVersion("anthropic"));
    }

    @Test
    void modelsListsSnapshotInDocumentOrder() {
        List<String> names = registry().models("openai", 2).stream()
                .map(ModelInfo::modelName)
                .toList();
        assertEquals(List.of("fixture-large-2030-01-01", "fixture-small", "fixture-gone", "fixture-retired"), names);
    }

    @Test
    void nullAliasesAndZeroContextWindowMeanUnknown() {
        ModelInfo m = registry().model("openai", "fixture-small").orElseThrow();
        assertEquals(List.of(), m.aliases());
        assertTrue(m.maxInputTokens().isEmpty());
        assertTrue(m.maxOutputTokens().isEmpty());
        assertTrue(m.apiEndpoint().isEmpty());
    }

    @Test
    void keepsCapabilityFlagsWithoutAccessorsAndTellsNoFromUnstated() {
        Registry r = registry();
        ModelInfo large = r.model("openai", "fixture-large").orElseThrow();
        assertEquals(Optional.of(true), large.capability("supports_made_up_future_flag"));
        ModelInfo small = r.model("openai", "fixture-small").orElseThrow();
        assertEquals(Optional.of(false), small.capability("supports_vision"));
        assertEquals(Optional.empty(), small.capability("supports_documents"));
    }

    @Test
    void readsActivityDeprecationAndMissingPrices() {
        Registry r = registry();
        ModelInfo retired = r.model("openai", "fixture-retired").orElseThrow();
        assertFalse(retired.isActive());
        assertEquals(Optional.of(LocalDate.of(2029, 6, 30)), retired.deprecatedDate());
        assertFalse(r.model("openai", "fixture-unpriced").orElseThrow().isPriced());
    }

    @Test
    void readsLongContextPricing() {
        ModelInfo m = registry().model("anthropic", "fixture-sonnet").orElseThrow();
        assertTrue(m.hasLongContextPricing());
        assertEquals(200000, m.longContextThresholdTokens().getAsLong());
        assertEquals(new BigDecimal("22.5"), m.outputLongContextPrice().orElseThrow());
    }

    @Test
    void malformedProviderNameIsRejectedBeforeAnyFetch() {
        assertThrows(IllegalArgumentException.class, () -> registry().models("../etc"));
        assertEquals(0, server.wm.getAllServeEvents().size());
    }

    @Test
    void nonPositivePinnedVersionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> registry().model("openai", "x", 0));
    }
}
