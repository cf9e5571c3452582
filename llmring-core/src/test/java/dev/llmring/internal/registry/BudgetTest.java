package dev.llmring.internal.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.BudgetExceededException;
import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.registry.ModelInfo;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples: prices are dollars per million tokens. */
class BudgetTest {
    // "x" × 400 -> 100 tokens + 4 + 3 = 107 input tokens (TokenEstimator)
    private static final String TEXT = "x".repeat(400);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static ModelInfo.Builder model() {
        return ModelInfo.builder("anthropic", "fixture")
                .inputPrice(d("3"))
                .outputPrice(d("15"))
                .maxOutputTokens(8_000);
    }

    private static ChatRequest request(int maxOutput) {
        return ChatRequest.builder("a").user(TEXT).maxOutputTokens(maxOutput).build();
    }

    private static void assertDollars(String expected, Optional<BigDecimal> actual) {
        assertEquals(0, d(expected).compareTo(actual.orElseThrow()), actual.toString());
    }

    @Test
    void worstCaseUsesTheRequestsOutputLimit() {
        // 107 × 3 + 1,000 × 15 = 15,321 / 1M = 0.015321
        assertDollars("0.015321", Budget.worstCaseCost(model().build(), request(1_000)));
    }

    @Test
    void worstCaseUsesTheModelsOutputLimitWhenTheRequestSetsNone() {
        // 107 × 3 + 8,000 × 15 = 120,321 / 1M = 0.120321
        assertDollars(
                "0.120321",
                Budget.worstCaseCost(
                        model().build(), ChatRequest.builder("a").user(TEXT).build()));
    }

    @Test
    void worstCaseCapsTheRequestsLimitByTheModels() {
        // asks 100,000 but the model stops at 8,000: 0.120321 as above
        assertDollars("0.120321", Budget.worstCaseCost(model().build(), request(100_000)));
    }

    @Test
    void worstCaseIsUnknownWithoutAnyOutputLimit() {
        ModelInfo m = ModelInfo.builder("anthropic", "x")
                .inputPrice(d("3"))
                .outputPrice(d("15"))
                .build();
        assertEquals(
                Optional.empty(),
                Budget.worstCaseCost(m, ChatRequest.builder("a").user(TEXT).build()));
    }

    @Test
    void worstCaseChargesReasoningRateWhenHigher() {
        // output 15, thinking 20: 107 × 3 + 1,000 × 20 = 20,321 / 1M = 0.020321
        assertDollars(
                "0.020321",
                Budget.worstCaseCost(model().outputThinkingPrice(d("20")).build(), request(1_000)));
    }

    @Test
    void worstCaseChargesCacheWriteRateWhenTheRequestHasCacheHints() {
        // input 3, write 5m 3.75, 1h 6: 107 × 6 + 1,000 × 15 = 15,642 / 1M = 0.015642
        ChatRequest r = ChatRequest.builder("a")
                .message(Message.user(ContentPart.text(TEXT).withCacheHint()))
                .maxOutputTokens(1_000)
                .build();
        ModelInfo m =
                model().cacheWrite5mPrice(d("3.75")).cacheWrite1hPrice(d("6")).build();
        assertDollars("0.015642", Budget.worstCaseCost(m, r));
    }

    @Test
    void worstCaseUsesLongContextRatesAboveTheThreshold() {
        // threshold 100 < 107: input 6, output 22.5: 107 × 6 + 1,000 × 22.5 = 23,142 / 1M = 0.023142
        ModelInfo m = model().longContextPricing(100, d("6"), d("22.5")).build();
        assertDollars("0.023142", Budget.worstCaseCost(m, request(1_000)));
    }

    @Test
    void refusesACallOverTheCostLimitNamingEstimateAndLimit() {
        Budget b = Budget.of(Map.of("max_cost_usd_per_call", 0.01), false);
        BudgetExceededException e = assertThrows(
                BudgetExceededException.class,
                () -> b.check("anthropic", "fixture", Optional.of(model().build()), request(1_000)));
        assertTrue(e.getMessage().contains("$0.015321") && e.getMessage().contains("0.01"), e.getMessage());
        assertEquals(Optional.of("fixture"), e.model());
    }

    @Test
    void allowsACallWithinTheCostLimit() {
        Budget b = Budget.of(Map.of("max_cost_usd_per_call", "0.02"), false);
        assertDoesNotThrow(() -> b.check("anthropic", "fixture", Optional.of(model().build()), request(1_000)));
    }

    @Test
    void refusesInputOverTheTokenLimit() {
        Budget b = Budget.of(Map.of("max_input_tokens", 100L), false);
        BudgetExceededException e = assertThrows(
                BudgetExceededException.class, () -> b.check("openai", "x", Optional.empty(), request(10)));
        assertTrue(e.getMessage().contains("107") && e.getMessage().contains("100"), e.getMessage());
    }

    @Test
    void strictModeRefusesAModelTheRegistryDoesNotList() {
        Budget b = Budget.of(Map.of(), true);
        BudgetExceededException e = assertThrows(
                BudgetExceededException.class, () -> b.check("ollama", "llama3", Optional.empty(), request(10)));
        assertTrue(e.getMessage().contains("strict"), e.getMessage());
    }

    @Test
    void strictModeRefusesAModelWithoutPrices() {
        ModelInfo unpriced = ModelInfo.builder("openai", "x").build();
        assertThrows(BudgetExceededException.class, () -> Budget.of(Map.of(), true)
                .check("openai", "x", Optional.of(unpriced), request(10)));
    }

    @Test
    void lenientModeLetsUnpricedModelsThrough() {
        Budget b = Budget.of(Map.of("max_cost_usd_per_call", 0.000001), false);
        assertDoesNotThrow(() -> b.check("ollama", "llama3", Optional.empty(), request(10)));
    }

    @Test
    void strictModeRefusesAnUnboundedWorstCaseUnderACostLimit() {
        ModelInfo noLimit = ModelInfo.builder("openai", "x")
                .inputPrice(d("1"))
                .outputPrice(d("2"))
                .build();
        Budget b = Budget.of(Map.of("max_cost_usd_per_call", 1), true);
        ChatRequest r = ChatRequest.builder("a").user("hi").build();
        assertThrows(BudgetExceededException.class, () -> b.check("openai", "x", Optional.of(noLimit), r));
        assertDoesNotThrow(() ->
                Budget.of(Map.of("max_cost_usd_per_call", 1), false).check("openai", "x", Optional.of(noLimit), r));
    }

    @Test
    void readsLimitsFromNumbersAndNumericStrings() {
        Budget b = Budget.of(Map.of("max_cost_usd_per_call", 0.05, "max_input_tokens", "100000", "other", true), false);
        assertEquals(0, d("0.05").compareTo(b.maxCostUsdPerCall().orElseThrow()));
        assertEquals(100_000, b.maxInputTokens().getAsLong());
    }

    @Test
    void rejectsANonNumericLimitNamingTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Budget.of(Map.of("max_cost_usd_per_call", "cheap"), false));
        assertTrue(
                e.getMessage().contains("max_cost_usd_per_call")
                        && e.getMessage().contains("cheap"),
                e.getMessage());
    }

    @Test
    void rejectsNegativeAndFractionalLimits() {
        assertThrows(IllegalArgumentException.class, () -> Budget.of(Map.of("max_cost_usd_per_call", -1), false));
        assertThrows(IllegalArgumentException.class, () -> Budget.of(Map.of("max_input_tokens", 10.5), false));
    }
}
