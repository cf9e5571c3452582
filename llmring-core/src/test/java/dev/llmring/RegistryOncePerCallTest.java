package dev.llmring;

import static dev.llmring.RegistryFiles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.RegistryException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry is consulted once per call: the preflight's lookup of the binding it is about to call is what the
 * served response is priced from; a response from another binding, or one whose preflight could not look it up, is
 * priced by a lookup of its own.
 */
class RegistryOncePerCallTest {
    private static final RoutingTrace TRACE = new RoutingTrace("chat", "default", List.of(), "a:m1");

    @TempDir
    Path dir;

    private final AtomicInteger lookups = new AtomicInteger();
    private ModelLookup counting;

    @BeforeEach
    void registry() {
        ModelLookup files = ModelLookup.of(new RegistryFiles(dir)
                .current("a", model("m1", 2.0, 8.0, 1000, 100), model("m2", 1.0, 4.0, 1000, 100))
                .registry());
        counting = (provider, model, pinned, wait) -> {
            lookups.incrementAndGet();
            return files.model(provider, model, pinned, wait);
        };
    }

    private static Preflight.Check check(Target target, RegistryEntry entry) {
        return new Preflight.Check(
                ChatRequest.builder("chat").user("hi").build(), "default", null, target, false, entry);
    }

    private static ChatResponse served(String model) {
        return ChatResponse.builder()
                .text("ok")
                .finishReason(FinishReason.STOP)
                .usage(Usage.builder().inputTokens(1_000_000).outputTokens(0).build())
                .provider("a")
                .model(model)
                .latency(Duration.ofMillis(5))
                .trace(TRACE)
                .build();
    }

    private static RegistryPreflight preflight(ModelLookup lookup) {
        return new RegistryPreflight(lookup, List.of(), null, Map.of(), false, true);
    }

    @Test
    void theServedBindingIsPricedFromThePreflightsLookup() {
        RegistryEntry entry = new RegistryEntry();
        assertNull(preflight(counting).check(check(new Target("a", "m1"), entry)));
        ChatResponse priced = new RegistryHooks(counting, PoolResolver.direct("default", "test"))
                .apply(ChatRequest.builder("chat").user("hi").build(), "default", served("m1"), entry);
        assertEquals(1, lookups.get());
        assertEquals(
                0, new BigDecimal("2.0").compareTo(priced.cost().orElseThrow().total()));
    }

    @Test
    void aResponseFromAnotherBindingIsLookedUpAgain() {
        RegistryEntry entry = new RegistryEntry();
        preflight(counting).check(check(new Target("a", "m1"), entry));
        ChatResponse priced = new RegistryHooks(counting, PoolResolver.direct("default", "test"))
                .apply(ChatRequest.builder("chat").user("hi").build(), "default", served("m2"), entry);
        assertEquals(2, lookups.get());
        assertEquals(
                0, new BigDecimal("1.0").compareTo(priced.cost().orElseThrow().total()));
    }

    @Test
    void aModelTheRegistryDoesNotListIsRememberedAsUnlisted() {
        RegistryEntry entry = new RegistryEntry();
        preflight(counting).check(check(new Target("a", "m9"), entry));
        ChatResponse unpriced = new RegistryHooks(counting, PoolResolver.direct("default", "test"))
                .apply(ChatRequest.builder("chat").user("hi").build(), "default", served("m9"), entry);
        assertEquals(1, lookups.get());
        assertEquals(
                Cost.Status.MODEL_NOT_IN_REGISTRY, unpriced.cost().orElseThrow().status());
    }

    @Test
    void aPreflightThatCouldNotLookUpLeavesTheLookupToTheCost() {
        ModelLookup failing = (provider, model, pinned, wait) -> {
            lookups.incrementAndGet();
            throw new RegistryException("registry data for a is not cached yet", "a");
        };
        RegistryEntry entry = new RegistryEntry();
        assertNull(preflight(failing).check(check(new Target("a", "m1"), entry)));
        assertNull(entry.of("a", "m1"));
        ChatResponse unpriced = new RegistryHooks(failing, PoolResolver.direct("default", "test"))
                .apply(ChatRequest.builder("chat").user("hi").build(), "default", served("m1"), entry);
        assertEquals(2, lookups.get());
        assertEquals(
                Cost.Status.REGISTRY_UNAVAILABLE, unpriced.cost().orElseThrow().status());
    }

    @Test
    void anEntryAnswersOnlyForTheBindingItWasResolvedFor() {
        RegistryEntry entry = new RegistryEntry();
        entry.resolved(new Target("a", "m1"), null);
        Optional<ModelInfo> m1 = entry.of("a", "m1");
        assertTrue(m1 != null && m1.isEmpty());
        assertNull(entry.of("a", "m2"));
        assertNull(entry.of("b", "m1"));
    }
}
