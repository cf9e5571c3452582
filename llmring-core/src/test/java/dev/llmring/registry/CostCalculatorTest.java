package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.Cost;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worked examples. Prices are dollars per million tokens; each comment gives the arithmetic. All fixtures are
 * invented for the test.
 */
class CostCalculatorTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), "expected " + expected + " but was " + actual.toPlainString());
    }

    /** input 3.00, output 15.00, cache read 0.30, cache write 5m 3.75 / 1h 6.00; long context above 200k: 6.00 / 22.50. */
    private static ModelInfo.Builder sonnetLike() {
        return ModelInfo.builder("anthropic", "fixture-sonnet")
                .inputPrice(d("3.00"))
                .outputPrice(d("15.00"))
                .cacheReadPrice(d("0.30"))
                .cacheWrite5mPrice(d("3.75"))
                .cacheWrite1hPrice(d("6.00"));
    }

    private static ModelInfo longContextSonnet() {
        return sonnetLike().longContextPricing(200_000, d("6.00"), d("22.50")).build();
    }

    @Test
    void chargesInputAndOutputAtTheirRates() {
        // 1,000 in × 3.00 / 1M = 0.003; 500 out × 15.00 / 1M = 0.0075; total 0.0105
        Cost c = CostCalculator.cost(
                sonnetLike().build(),
                Usage.builder().inputTokens(1_000).outputTokens(500).build());
        assertTrue(c.isPriced());
        assertAmount("0.003", c.input());
        assertAmount("0.0075", c.output());
        assertAmount("0.0105", c.total());
    }

    @Test
    void chargesCacheReadsAtTheCacheReadRateAndNotAlsoAsInput() {
        // 10,000 in of which 8,000 cached: 2,000 × 3.00 = 0.006; 8,000 × 0.30 = 0.0024; 100 out × 15.00 = 0.0015
        // total 0.0099 (not 10,000 × 3.00 + 8,000 × 0.30)
        Usage u = Usage.builder()
                .inputTokens(10_000)
                .cachedInputTokens(8_000)
                .outputTokens(100)
                .build();
        Cost c = CostCalculator.cost(sonnetLike().build(), u);
        assertAmount("0.006", c.input());
        assertAmount("0.0024", c.cachedInput());
        assertAmount("0.0099", c.total());
    }

    @Test
    void usesCachedInputRateWhenNoCacheReadRate() {
        // OpenAI style: input 2.50, cached input 1.25. 2,000 in of which 1,024 cached:
        // 976 × 2.50 = 0.00244; 1,024 × 1.25 = 0.00128; total 0.00372
        ModelInfo m = ModelInfo.builder("openai", "fixture-large")
                .inputPrice(d("2.50"))
                .outputPrice(d("10"))
                .cachedInputPrice(d("1.25"))
                .build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().inputTokens(2_000).cachedInputTokens(1_024).build());
        assertAmount("0.00244", c.input());
        assertAmount("0.00128", c.cachedInput());
        assertAmount("0.00372", c.total());
    }

    @Test
    void prefersCacheReadRateOverCachedInputRate() {
        // cache read 0.30 wins over cached input 0.50: 1,000 cached × 0.30 = 0.0003
        ModelInfo m = sonnetLike().cachedInputPrice(d("0.50")).build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().inputTokens(1_000).cachedInputTokens(1_000).build());
        assertAmount("0.0003", c.cachedInput());
        assertAmount("0", c.input());
    }

    @Test
    void chargesCacheReadsAtInputRateWithANoteWhenNoCacheRate() {
        // no cache rate at all: 1,000 cached × 3.00 = 0.003
        ModelInfo m = ModelInfo.builder("anthropic", "x")
                .inputPrice(d("3"))
                .outputPrice(d("15"))
                .build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().inputTokens(1_000).cachedInputTokens(1_000).build());
        assertAmount("0.003", c.cachedInput());
        assertEquals(1, c.notes().size());
    }

    @Test
    void chargesCacheWritesAtTheFiveMinuteRateByDefault() {
        // 5,000 in of which 4,000 written: 1,000 × 3.00 = 0.003; 4,000 × 3.75 = 0.015; total 0.018
        Usage u = Usage.builder().inputTokens(5_000).cacheWriteTokens(4_000).build();
        Cost c = CostCalculator.cost(sonnetLike().build(), u);
        assertAmount("0.003", c.input());
        assertAmount("0.015", c.cacheWrite5m());
        assertAmount("0", c.cacheWrite1h());
        assertAmount("0.018", c.total());
    }

    @Test
    void chargesCacheWritesAtTheOneHourRateWhenAskedFor() {
        // 4,000 written × 6.00 = 0.024
        Usage u = Usage.builder().inputTokens(4_000).cacheWriteTokens(4_000).build();
        Cost c = CostCalculator.cost(sonnetLike().build(), u, Duration.ofHours(1));
        assertAmount("0.024", c.cacheWrite1h());
        assertAmount("0", c.cacheWrite5m());
    }

    @Test
    void fallsBackToTheFiveMinuteRateWithANoteWhenNoOneHourRate() {
        // 1,000 written × 1.25 (5m) = 0.00125
        ModelInfo m = ModelInfo.builder("anthropic", "x")
                .inputPrice(d("1"))
                .outputPrice(d("5"))
                .cacheWrite5mPrice(d("1.25"))
                .build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().inputTokens(1_000).cacheWriteTokens(1_000).build(), Duration.ofHours(1));
        assertAmount("0.00125", c.cacheWrite1h());
        assertTrue(c.notes().get(0).contains("5m"), c.notes().toString());
    }

    @Test
    void chargesReasoningAtTheThinkingRateAndNotAlsoAsOutput() {
        // output 4.40, thinking 8.80; 1,000 out of which 600 reasoning:
        // 400 × 4.40 = 0.00176; 600 × 8.80 = 0.00528; total 0.00704
        ModelInfo m = ModelInfo.builder("openai", "fixture-thinker")
                .inputPrice(d("1.10"))
                .outputPrice(d("4.40"))
                .outputThinkingPrice(d("8.80"))
                .build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().outputTokens(1_000).reasoningTokens(600).build());
        assertAmount("0.00176", c.output());
        assertAmount("0.00528", c.reasoning());
        assertAmount("0.00704", c.total());
    }

    @Test
    void chargesReasoningAsOutputWhenNotPricedApart() {
        // 1,000 out (600 of them reasoning) × 4.40 = 0.0044
        ModelInfo m = ModelInfo.builder("openai", "x")
                .inputPrice(d("1.10"))
                .outputPrice(d("4.40"))
                .build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().outputTokens(1_000).reasoningTokens(600).build());
        assertAmount("0.0044", c.output());
        assertAmount("0", c.reasoning());
        assertEquals(
                List.of("reasoning tokens charged at the output rate: the registry has no thinking price"), c.notes());
    }

    @Test
    void chargesTheWholeRequestAtLongContextRatesAboveTheThreshold() {
        // 250,000 in > 200,000: ALL input at 6.00 and all output at 22.50:
        // 250,000 × 6.00 = 1.5; 1,000 × 22.50 = 0.0225; total 1.5225
        // (not 200,000 × 3.00 + 50,000 × 6.00 = 0.9 for the input)
        Cost c = CostCalculator.cost(
                longContextSonnet(),
                Usage.builder().inputTokens(250_000).outputTokens(1_000).build());
        assertTrue(c.isLongContext());
        assertAmount("1.5", c.input());
        assertAmount("0.0225", c.output());
        assertAmount("1.5225", c.total());
    }

    @Test
    void chargesStandardRatesAtExactlyTheThreshold() {
        // 200,000 in is not above 200,000: 200,000 × 3.00 = 0.6
        Cost c = CostCalculator.cost(
                longContextSonnet(), Usage.builder().inputTokens(200_000).build());
        assertFalse(c.isLongContext());
        assertAmount("0.6", c.input());
    }

    @Test
    void countsCachedTokensTowardsTheThresholdAndScalesTheCacheRate() {
        // 300,000 in (100,000 cached) > 200,000. Long-context input factor 6.00 / 3.00 = 2:
        // 200,000 × 6.00 = 1.2; 100,000 × (0.30 × 2) = 0.06; 10 out × 22.50 = 0.000225; total 1.260225
        Usage u = Usage.builder()
                .inputTokens(300_000)
                .cachedInputTokens(100_000)
                .outputTokens(10)
                .build();
        Cost c = CostCalculator.cost(longContextSonnet(), u);
        assertAmount("1.2", c.input());
        assertAmount("0.06", c.cachedInput());
        assertAmount("1.260225", c.total());
    }

    @Test
    void keepsFullPrecisionAndRoundsOnlyForDisplay() {
        // 5 in × 2.50 = 0.0000125 exactly; shown half-even at 6 places: 0.000012
        ModelInfo m = ModelInfo.builder("openai", "x")
                .inputPrice(d("2.50"))
                .outputPrice(d("10"))
                .build();
        Cost c = CostCalculator.cost(m, Usage.builder().inputTokens(5).build());
        assertEquals(d("0.0000125"), c.total().stripTrailingZeros());
        assertEquals("0.000012", Cost.display(c.total()));
        assertEquals("Cost[$0.000012: input 0.000012]", c.toString());
    }

    @Test
    void sumsDecimalPricesExactly() {
        // 1 in × 0.10 + 1 out × 0.20 = 0.0000003 exactly (binary floating point would not)
        ModelInfo m = ModelInfo.builder("openai", "x")
                .inputPrice(d("0.1"))
                .outputPrice(d("0.2"))
                .build();
        Cost c = CostCalculator.cost(
                m, Usage.builder().inputTokens(1).outputTokens(1).build());
        assertEquals(d("0.0000003"), c.total().stripTrailingZeros());
    }

    @Test
    void missingUsageIsNoUsage() {
        assertEquals(
                Cost.Status.NO_USAGE,
                CostCalculator.cost(sonnetLike().build(), null).status());
    }

    @Test
    void modelWithoutPricesIsNoPricingWithZeroAmounts() {
        Cost c = CostCalculator.cost(
                ModelInfo.builder("openai", "x").inputPrice(d("1")).build(),
                Usage.builder().inputTokens(10).build());
        assertEquals(Cost.Status.NO_PRICING, c.status());
        assertAmount("0", c.total());
    }

    @Test
    void recordsTheRegistryVersionOfThePrices() {
        Cost c = CostCalculator.cost(sonnetLike().registryVersion(7).build(), Usage.ZERO);
        assertEquals(7, c.registryVersion().getAsInt());
    }
}
