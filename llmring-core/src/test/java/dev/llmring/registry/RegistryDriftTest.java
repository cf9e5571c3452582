package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.registry.RegistryDrift.Change;
import dev.llmring.registry.RegistryDrift.Kind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryDriftTest {
    private final Registry registry =
            Registry.builder().baseUrl(RegistryServer.FIXTURE.toUri()).build();

    private List<String> drift() {
        return RegistryDrift.sincePinned(registry, "openai", 2).stream()
                .map(Change::toString)
                .toList();
    }

    @Test
    void reportsAddedAndRemovedModels() {
        List<String> d = drift();
        assertTrue(d.contains("REMOVED openai:fixture-gone"), d.toString());
        assertTrue(d.contains("ADDED openai:fixture-thinker"), d.toString());
        assertTrue(d.contains("ADDED openai:fixture-unpriced"), d.toString());
    }

    @Test
    void reportsPriceChanges() {
        assertTrue(
                drift().contains("PRICE openai:fixture-large-2030-01-01 dollars_per_million_tokens_input: 5.0 -> 2.5"),
                drift().toString());
    }

    @Test
    void reportsCapabilityChangesIncludingNewFlags() {
        List<String> d = drift();
        assertTrue(
                d.contains("CAPABILITY openai:fixture-large-2030-01-01 supports_json_schema: false -> true"),
                d.toString());
        assertTrue(
                d.contains("CAPABILITY openai:fixture-large-2030-01-01 supports_made_up_future_flag: (none) -> true"),
                d.toString());
    }

    @Test
    void reportsLifecycleLimitAndAliasChanges() {
        List<String> d = drift();
        assertTrue(d.contains("LIFECYCLE openai:fixture-retired is_active: true -> false"), d.toString());
        assertTrue(d.contains("LIFECYCLE openai:fixture-retired deprecated_date: (none) -> 2029-06-30"), d.toString());
        assertTrue(
                d.contains("ALIASES openai:fixture-large-2030-01-01 model_aliases: [fixture-large] -> "
                        + "[fixture-large, Fixture-L]"),
                d.toString());
    }

    @Test
    void sameVersionHasNoDrift() {
        assertEquals(List.of(), RegistryDrift.sincePinned(registry, "anthropic", 5));
    }

    @Test
    void pricesCompareByValue() {
        ModelInfo a = ModelInfo.builder("openai", "x")
                .inputPrice(new BigDecimal("3.0"))
                .build();
        ModelInfo b = ModelInfo.builder("openai", "x")
                .inputPrice(new BigDecimal("3.00"))
                .build();
        assertEquals(List.of(), RegistryDrift.compare(List.of(a), List.of(b)));
    }

    @Test
    void priceAppearingIsAChangeFromNothing() {
        ModelInfo a = ModelInfo.builder("openai", "x").build();
        ModelInfo b = ModelInfo.builder("openai", "x")
                .outputPrice(new BigDecimal("2"))
                .build();
        Change c = RegistryDrift.compare(List.of(a), List.of(b)).get(0);
        assertEquals(Kind.PRICE, c.kind());
        assertTrue(c.before().isEmpty());
        assertEquals("2", c.after().orElseThrow());
    }
}
