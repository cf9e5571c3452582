package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmring.Cost;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The after-response seam: cost looked up in a registry, current or pinned. */
class CostFromRegistryTest {
    private static final Usage MILLION_IN =
            Usage.builder().inputTokens(1_000_000).build();

    @TempDir
    Path cache;

    private final Registry fileRegistry =
            Registry.builder().baseUrl(RegistryServer.FIXTURE.toUri()).build();

    private Cost cost(String provider, String model, @Nullable Integer pinned) {
        return CostCalculator.cost(
                fileRegistry, provider, model, pinned, MILLION_IN, CostCalculator.DEFAULT_CACHE_WRITE_TTL);
    }

    @Test
    void currentPricesApplyWithoutAPin() {
        // fixture v3: input 2.5 → 1M × 2.5 / 1M = 2.5
        Cost c = cost("openai", "fixture-large", null);
        assertEquals(0, new BigDecimal("2.5").compareTo(c.total()));
        assertEquals(3, c.registryVersion().getAsInt());
    }

    @Test
    void pinnedSnapshotPricesApplyWhenPinned() {
        // fixture v2: input 5.0 → 1M × 5.0 / 1M = 5.0
        Cost c = cost("openai", "fixture-large", 2);
        assertEquals(0, new BigDecimal("5.0").compareTo(c.total()));
        assertEquals(2, c.registryVersion().getAsInt());
    }

    @Test
    void unlistedModelIsModelNotInRegistry() {
        assertEquals(
                Cost.Status.MODEL_NOT_IN_REGISTRY,
                cost("openai", "no-such-model", null).status());
    }

    @Test
    void providerWithoutRegistryDataIsModelNotInRegistry() {
        assertEquals(
                Cost.Status.MODEL_NOT_IN_REGISTRY,
                cost("ollama", "llama3:8b", null).status());
    }

    @Test
    void unreadableRegistryIsRegistryUnavailable() {
        Registry offline = Registry.builder()
                .cacheDirectory(cache)
                .offline(true)
                .environment(n -> null)
                .build();
        Cost c = CostCalculator.cost(
                offline, "openai", "fixture-large", null, MILLION_IN, CostCalculator.DEFAULT_CACHE_WRITE_TTL);
        assertEquals(Cost.Status.REGISTRY_UNAVAILABLE, c.status());
        assertEquals(1, c.notes().size());
    }

    @Test
    void missingUsageIsNoUsageWithoutALookup() {
        Cost c = CostCalculator.cost(
                fileRegistry, "openai", "fixture-large", null, null, CostCalculator.DEFAULT_CACHE_WRITE_TTL);
        assertEquals(Cost.Status.NO_USAGE, c.status());
    }
}
