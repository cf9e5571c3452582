package dev.llmring;

import static dev.llmring.RegistryFiles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.registry.ModelPolicy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LlmRing#plan}: the bindings a call may use and its worst case, found without sending anything. */
class CallPlanTest extends WireMockSupport {
    @TempDir
    Path dir;

    private RegistryFiles files;

    @BeforeEach
    void registry() {
        files = new RegistryFiles(dir)
                .current("a", model("m1", 2, 10, 100_000, 1_000))
                .current("b", model("m2", 1, 1, 100_000, 1_000));
        aliases.bind("chat", "a:m1", "b:m2");
    }

    @Test
    void thePlanListsThePoolInOrderAndPricesTheWorstCaseAtTheDearestBinding() {
        try (LlmRing ring = ring().registry(files.registry()).build()) {
            CallPlan plan = ring.plan(
                    ChatRequest.builder("chat").user("hi").maxOutputTokens(100).build());

            assertEquals(List.of("a:m1", "b:m2"), plan.bindings());
            BigDecimal input = BigDecimal.valueOf(dev.llmring.internal.registry.TokenEstimator.inputTokens(
                            ChatRequest.builder("chat").user("hi").build()))
                    .multiply(BigDecimal.valueOf(2));
            BigDecimal expected = input.add(BigDecimal.valueOf(100 * 10)).movePointLeft(6);
            assertEquals(0, expected.compareTo(plan.worstCaseCost().orElseThrow()), plan.toString());
        }
        server.verify(
                0,
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void aBindingThePolicyRefusesIsLeftOutWithItsReason() {
        try (LlmRing ring = ring().registry(files.registry())
                .modelPolicy(ModelPolicy.builder().deny("a:*").build())
                .build()) {
            CallPlan plan = ring.plan(ChatRequest.builder("chat").user("hi").build());

            assertEquals(List.of("b:m2"), plan.bindings());
            assertTrue(plan.skipped().get("a:m1").contains("model policy"), plan.toString());
        }
    }

    @Test
    void withoutARegistryEveryBindingIsUnpricedAndThereIsNoWorstCase() {
        try (LlmRing ring = ring().noRegistry().build()) {
            CallPlan plan = ring.plan(ChatRequest.builder("chat").user("hi").build());

            assertEquals(List.of("a:m1", "b:m2"), plan.unpriced());
            assertTrue(plan.worstCaseCost().isEmpty());
        }
    }

    @Test
    void anUnknownAliasIsRefusedAsACallWouldBe() {
        try (LlmRing ring = ring().noRegistry().build()) {
            assertThrows(
                    NoUsableBindingException.class,
                    () -> ring.plan(ChatRequest.builder("nope").user("hi").build()));
        }
    }
}
