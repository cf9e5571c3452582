package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmring.Cost;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The after-response seam: cost looked up in a registry, current or pinned. */
class CostFromRegistryTest {
    private static final Usage MILLION_IN =
            Usage.builder().inputTokens(1_000_000).build();
    private static final Usage THOUSAND_OUT_600_REASONING =
            Usage.builder().outputTokens(1_000).reasoningTokens(600).build();
    private static final Duration TTL = CostCalculator.DEFAULT_CACHE_WRITE_TTL;

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
    void reasoningTokensAtTheRegistrysThinkingPrice() {
        // fixture-thinker: output 4.4, thinking 8.8; 1,000 out of which 600 reasoning:
        // 400 × 4.4 = 0.00176 output; 600 × 8.8 = 0.00528 reasoning
        Cost c = CostCalculator.cost(fileRegistry, "openai", "fixture-thinker", null, THOUSAND_OUT_600_REASONING, TTL);
        assertEquals(0, new BigDecimal("0.00176").compareTo(c.output()), c.output()::toString);
        assertEquals(0, new BigDecimal("0.00528").compareTo(c.reasoning()), c.reasoning()::toString);
        assertEquals(0, new BigDecimal("0.00704").compareTo(c.total()), c.total()::toString);
        assertEquals(List.of(), c.notes());
    }

    @Test
    void reasoningTokensAsOutputWhenTheRegistryGivesNoThinkingPrice() {
        // fixture-large: output 10.0, output_thinking null; all 1,000 out × 10.0 = 0.01
        Cost c = CostCalculator.cost(fileRegistry, "openai", "fixture-large", null, THOUSAND_OUT_600_REASONING, TTL);
        assertEquals(0, new BigDecimal("0.01").compareTo(c.output()), c.output()::toString);
        assertEquals(0, BigDecimal.ZERO.compareTo(c.reasoning()));
        assertEquals(
                List.of("reasoning tokens charged at the output rate: the registry has no thinking price"), c.notes());
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
