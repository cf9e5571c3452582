package dev.llmring.internal.registry;

import dev.llmring.BudgetExceededException;
import dev.llmring.ChatRequest;
import dev.llmring.Cost;
import dev.llmring.ErrorDetails;
import dev.llmring.registry.ModelInfo;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A binding's budget, from its lockfile constraints, checked before each call:
 * <ul>
 *   <li>{@value #MAX_COST_KEY}: the worst-case cost of one call, in US dollars ({@link #worstCaseCost});</li>
 *   <li>{@value #MAX_INPUT_KEY}: the estimated input tokens of one call ({@link TokenEstimator}).</li>
 * </ul>
 * In strict mode a model the registry cannot price (unlisted, or without prices) is refused before the call, and so is
 * a call whose worst case cannot be bounded (no output limit known) when a cost limit is set. Outside strict mode
 * those calls go ahead.
 */
public final class Budget {
    public static final String MAX_COST_KEY = "max_cost_usd_per_call";
    public static final String MAX_INPUT_KEY = "max_input_tokens";

    private static final Budget NONE = new Budget(null, null, false);

    private final @Nullable BigDecimal maxCost;
    private final @Nullable Long maxInputTokens;
    private final boolean strict;

    private Budget(@Nullable BigDecimal maxCost, @Nullable Long maxInputTokens, boolean strict) {
        this.maxCost = maxCost;
        this.maxInputTokens = maxInputTokens;
        this.strict = strict;
    }

    /** No limits, not strict. */
    public static Budget none() {
        return NONE;
    }

    /**
     * The budget a binding's constraints set. Other keys are ignored. Values may be numbers or numeric strings.
     *
     * @throws IllegalArgumentException naming the key and value when a limit is not a number, is negative, or (for
     *     {@value #MAX_INPUT_KEY}) not a whole number
     */
    public static Budget of(Map<String, ?> constraints, boolean strict) {
        Objects.requireNonNull(constraints, "constraints");
        BigDecimal cost = decimal(constraints.get(MAX_COST_KEY), MAX_COST_KEY);
        BigDecimal input = decimal(constraints.get(MAX_INPUT_KEY), MAX_INPUT_KEY);
        Long inputTokens = null;
        if (input != null) {
            try {
                inputTokens = input.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        MAX_INPUT_KEY + " must be a whole number, was " + input.toPlainString());
            }
        }
        return new Budget(cost, inputTokens, strict);
    }

    private static @Nullable BigDecimal decimal(@Nullable Object v, String key) {
        if (v == null) return null;
        BigDecimal d;
        try {
            d = v instanceof BigDecimal b
                    ? b
                    : v instanceof Long || v instanceof Integer
                            ? BigDecimal.valueOf(((Number) v).longValue())
                            : v instanceof Number n
                                    ? new BigDecimal(n.toString())
                                    : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
        }
        if (d.signum() < 0) throw new IllegalArgumentException(key + " must not be negative, was " + d.toPlainString());
        return d;
    }

    public Optional<BigDecimal> maxCostUsdPerCall() {
        return Optional.ofNullable(maxCost);
    }

    public OptionalLong maxInputTokens() {
        return maxInputTokens == null ? OptionalLong.empty() : OptionalLong.of(maxInputTokens);
    }

    public boolean strict() {
        return strict;
    }

    /**
     * Refuses the call to {@code provider:model} when it would break the budget.
     *
     * @param info the model's registry entry; empty when the registry does not list it
     * @throws BudgetExceededException naming the estimate and the limit, or (strict mode) why the call cannot be priced
     */
    public void check(String provider, String model, Optional<ModelInfo> info, ChatRequest request) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(request, "request");
        ErrorDetails details = ErrorDetails.of(provider, model);
        String ref = provider + ":" + model;
        if (maxInputTokens != null) {
            long estimate = TokenEstimator.inputTokens(request);
            if (estimate > maxInputTokens) {
                throw new BudgetExceededException(
                        "estimated " + estimate + " input tokens for " + ref + " exceed " + MAX_INPUT_KEY + " = "
                                + maxInputTokens,
                        details);
            }
        }
        if (strict && (info.isEmpty() || !info.get().isPriced())) {
            throw new BudgetExceededException(
                    "strict cost mode refuses " + ref + ": "
                            + (info.isEmpty() ? "the registry does not list it" : "the registry has no prices for it"),
                    details);
        }
        if (maxCost == null || info.isEmpty() || !info.get().isPriced()) return;
        Optional<BigDecimal> worst = worstCaseCost(info.get(), request);
        if (worst.isEmpty()) {
            if (strict) {
                throw new BudgetExceededException(
                        "strict cost mode refuses " + ref + ": its worst-case cost cannot be"
                                + " bounded (neither the request nor the registry gives an output token limit)",
                        details);
            }
            return;
        }
        if (worst.get().compareTo(maxCost) > 0) {
            throw new BudgetExceededException(
                    "worst-case cost $" + Cost.display(worst.get()) + " of " + ref
                            + " exceeds " + MAX_COST_KEY + " = $" + maxCost.toPlainString() + " (estimated "
                            + TokenEstimator.inputTokens(request) + " input tokens, up to "
                            + outputBound(info.get(), request).getAsLong() + " output tokens)",
                    details);
        }
    }

    /**
     * The most a call can cost: estimated input at the input rate (or the cache-write rate, if higher and the request
     * has cache hints), plus the output limit (the request's, capped by the model's, else the model's) at the output
     * rate (or the reasoning rate, if higher); at the long-context rates when the estimate crosses the threshold.
     *
     * @return empty when the model is not priced or no output limit is known
     */
    public static Optional<BigDecimal> worstCaseCost(ModelInfo model, ChatRequest request) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        OptionalLong out = outputBound(model, request);
        if (!model.isPriced() || out.isEmpty()) return Optional.empty();
        long in = TokenEstimator.inputTokens(request);
        BigDecimal inBase = model.inputPrice().orElseThrow();
        BigDecimal outBase = model.outputPrice().orElseThrow();
        boolean longContext = model.hasLongContextPricing()
                && in > model.longContextThresholdTokens().getAsLong();
        BigDecimal inFactor = longContext ? ratio(model.inputLongContextPrice().orElseThrow(), inBase) : BigDecimal.ONE;
        BigDecimal outFactor =
                longContext ? ratio(model.outputLongContextPrice().orElseThrow(), outBase) : BigDecimal.ONE;
        BigDecimal inRate = inBase;
        if (request.messages().stream().anyMatch(m -> m.hasCacheHint())) {
            inRate = max(inRate, model.cacheWrite5mPrice().orElse(inRate));
            inRate = max(inRate, model.cacheWrite1hPrice().orElse(inRate));
        }
        BigDecimal outRate = max(outBase, model.outputThinkingPrice().orElse(outBase));
        BigDecimal dollars = BigDecimal.valueOf(in)
                .multiply(inRate)
                .multiply(inFactor)
                .add(BigDecimal.valueOf(out.getAsLong()).multiply(outRate).multiply(outFactor))
                .movePointLeft(6);
        return Optional.of(dollars);
    }

    private static OptionalLong outputBound(ModelInfo model, ChatRequest request) {
        if (request.maxOutputTokens().isPresent()) {
            long asked = request.maxOutputTokens().getAsInt();
            return OptionalLong.of(
                    model.maxOutputTokens().isPresent()
                            ? Math.min(asked, model.maxOutputTokens().getAsInt())
                            : asked);
        }
        return model.maxOutputTokens().isPresent()
                ? OptionalLong.of(model.maxOutputTokens().getAsInt())
                : OptionalLong.empty();
    }

    private static BigDecimal ratio(BigDecimal to, BigDecimal from) {
        return from.signum() == 0 ? BigDecimal.ONE : to.divide(from, java.math.MathContext.DECIMAL128);
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "Budget[" + MAX_COST_KEY + "=" + (maxCost == null ? "-" : maxCost.toPlainString()) + ", "
                + MAX_INPUT_KEY + "=" + (maxInputTokens == null ? "-" : maxInputTokens) + (strict ? ", strict" : "")
                + "]";
    }
}
