package dev.llmring.registry;

import dev.llmring.Cost;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Prices a call's {@link Usage} with a model's registry prices. The rules (see {@code docs/registry-and-cost.md}):
 * <ol>
 *   <li><b>Cache reads</b> ({@link Usage#cachedInputTokens()}) are charged at the cache-read rate
 *       ({@code _cache_read}, else {@code _cached_input}) and not also at the input rate. Without either rate they
 *       are charged at the input rate, with a note.</li>
 *   <li><b>Cache writes</b> ({@link Usage#cacheWriteTokens()}) are charged at {@code _cache_write_5m}, or at
 *       {@code _cache_write_1h} when the request asked for a lifetime over five minutes. Missing a 1h rate, the 5m
 *       rate is used; missing both, the input rate; each with a note.</li>
 *   <li><b>Other input tokens</b> (input minus cache reads and writes) at the input rate.</li>
 *   <li><b>Reasoning</b> tokens at {@code _output_thinking} when the model has that rate, and then not also at the
 *       output rate; otherwise they are part of the output, with a note saying so.</li>
 *   <li><b>Long context</b>: when the request's whole input ({@link Usage#inputTokens()}, cache reads and writes
 *       included) exceeds {@code long_context_threshold_tokens}, <em>all</em> of its input and output is charged at
 *       the long-context rates, not only the tokens above the threshold (the providers' published rule). Cache and
 *       reasoning rates, for which the registry has no long-context variant, are scaled by the same factor as the
 *       input (cache) or output (reasoning) rate, which is how Anthropic and Google price them.</li>
 * </ol>
 * Arithmetic is exact (see {@link Cost}).
 */
public final class CostCalculator {
    /** The default lifetime of prompt-cache writes, when the request does not say (Anthropic's default). */
    public static final Duration DEFAULT_CACHE_WRITE_TTL = Duration.ofMinutes(5);

    private static final MathContext SCALE_PRECISION = MathContext.DECIMAL128;

    private CostCalculator() {}

    /**
     * The cost of {@code usage} on {@code model}, with cache writes at the five-minute rate.
     *
     * @param model the model that served the call, with its prices
     * @param usage the call's usage; {@code null} when the provider reported none
     * @return a {@link Cost.Status#PRICED} cost, or {@link Cost.Status#NO_USAGE}, or {@link Cost.Status#NO_PRICING}
     *     when the registry gives no input or no output price
     */
    public static Cost cost(ModelInfo model, @Nullable Usage usage) {
        return cost(model, usage, DEFAULT_CACHE_WRITE_TTL);
    }

    /**
     * The cost of {@code usage} on {@code model}.
     *
     * @param model the model that served the call, with its prices
     * @param usage the call's usage; {@code null} when the provider reported none ({@link Cost.Status#NO_USAGE})
     * @param cacheWriteTtl the prompt-cache lifetime the request asked for: up to five minutes is charged at the 5m
     *     rate, longer at the 1h rate
     * @return a {@link Cost.Status#PRICED} cost, or {@link Cost.Status#NO_USAGE}, or {@link Cost.Status#NO_PRICING}
     *     when the registry gives no input or no output price
     */
    public static Cost cost(ModelInfo model, @Nullable Usage usage, Duration cacheWriteTtl) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cacheWriteTtl, "cacheWriteTtl");
        if (usage == null) return Cost.unpriced(Cost.Status.NO_USAGE, "the provider reported no token usage");
        if (!model.isPriced()) {
            return Cost.unpriced(
                    Cost.Status.NO_PRICING, "the registry has no input and output prices for " + model.ref());
        }
        BigDecimal in = model.inputPrice().orElseThrow();
        BigDecimal out = model.outputPrice().orElseThrow();
        Cost.Builder cost = Cost.builder();
        model.registryVersion().ifPresent(cost::registryVersion);

        boolean longContext = isLongContext(model, usage.inputTokens());
        BigDecimal inRate = in;
        BigDecimal outRate = out;
        if (longContext) {
            inRate = model.inputLongContextPrice().orElseThrow();
            outRate = model.outputLongContextPrice().orElseThrow();
            cost.longContext(true);
        }

        long cacheRead = usage.cachedInputTokens();
        long cacheWrite = usage.cacheWriteTokens();
        cost.input(dollars(usage.inputTokens() - cacheRead - cacheWrite, inRate));

        if (cacheRead > 0) {
            Optional<BigDecimal> rate = model.cacheReadPrice().or(model::cachedInputPrice);
            if (rate.isEmpty())
                cost.note("cache reads charged at the input rate: the registry has no cache-read price");
            cost.cachedInput(dollars(cacheRead, scaled(rate.orElse(in), longContext, in, inRate)));
        }

        if (cacheWrite > 0) {
            boolean oneHour = cacheWriteTtl.compareTo(Duration.ofMinutes(5)) > 0;
            Optional<BigDecimal> rate = oneHour ? model.cacheWrite1hPrice() : model.cacheWrite5mPrice();
            if (rate.isEmpty() && oneHour && model.cacheWrite5mPrice().isPresent()) {
                cost.note("1h cache writes charged at the 5m rate: the registry has no 1h cache-write price");
                rate = model.cacheWrite5mPrice();
            }
            if (rate.isEmpty()) {
                cost.note("cache writes charged at the input rate: the registry has no cache-write price");
            }
            BigDecimal amount = dollars(cacheWrite, scaled(rate.orElse(in), longContext, in, inRate));
            if (oneHour) cost.cacheWrite1h(amount);
            else cost.cacheWrite5m(amount);
        }

        long reasoning = usage.reasoningTokens();
        Optional<BigDecimal> thinking = model.outputThinkingPrice();
        if (reasoning > 0 && thinking.isPresent()) {
            cost.reasoning(dollars(reasoning, scaled(thinking.get(), longContext, out, outRate)));
            cost.output(dollars(usage.outputTokens() - reasoning, outRate));
        } else {
            cost.output(dollars(usage.outputTokens(), outRate));
            if (reasoning > 0) {
                cost.note("reasoning tokens charged at the output rate: the registry has no thinking price");
            }
        }
        if (longContext && (cacheRead > 0 || cacheWrite > 0)) {
            cost.note("long context: cache rates scaled by the long-context input factor");
        }
        return cost.build();
    }

    /**
     * The cost of a call served by {@code provider:model}, looked up in {@code registry} (the after-response seam of
     * the router). Never throws for missing data: a model the registry does not list is
     * {@link Cost.Status#MODEL_NOT_IN_REGISTRY}, a registry that cannot be read is
     * {@link Cost.Status#REGISTRY_UNAVAILABLE}.
     *
     * @param registry where the model's prices are looked up
     * @param provider the registry provider name of the binding that served the call
     * @param model the model name as the lockfile binding gives it (an alias the registry lists is found too)
     * @param pinnedVersion the profile's {@code registry_versions} entry for the provider, or {@code null} for the
     *     current data
     * @param usage the call's usage; {@code null} when the provider reported none
     * @param cacheWriteTtl the prompt-cache lifetime the request asked for ({@link #DEFAULT_CACHE_WRITE_TTL} if unsaid)
     * @return the cost, or an unpriced cost whose status says why it could not be computed
     * @throws IllegalArgumentException when the provider name is malformed or the pinned version not positive
     */
    public static Cost cost(
            Registry registry,
            String provider,
            String model,
            @Nullable Integer pinnedVersion,
            @Nullable Usage usage,
            Duration cacheWriteTtl) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cacheWriteTtl, "cacheWriteTtl");
        if (usage == null) return Cost.unpriced(Cost.Status.NO_USAGE, "the provider reported no token usage");
        Optional<ModelInfo> info;
        try {
            info = registry.model(provider, model, pinnedVersion);
        } catch (RegistryException e) {
            return Cost.unpriced(Cost.Status.REGISTRY_UNAVAILABLE, e.getMessage());
        }
        if (info.isEmpty()) {
            return Cost.unpriced(
                    Cost.Status.MODEL_NOT_IN_REGISTRY,
                    "the registry does not list " + provider + ":" + model
                            + (pinnedVersion == null ? "" : " in version " + pinnedVersion));
        }
        return cost(info.get(), usage, cacheWriteTtl);
    }

    /** Whether a request with {@code inputTokens} of input is charged at {@code model}'s long-context rates. */
    static boolean isLongContext(ModelInfo model, long inputTokens) {
        return model.hasLongContextPricing()
                && inputTokens > model.longContextThresholdTokens().getAsLong();
    }

    /** {@code tokens} × {@code dollarsPerMillion} / 1,000,000, exactly. */
    static BigDecimal dollars(long tokens, BigDecimal dollarsPerMillion) {
        return BigDecimal.valueOf(tokens).multiply(dollarsPerMillion).movePointLeft(6);
    }

    /** {@code rate}, scaled by {@code to / from} on a long-context request (unchanged when {@code from} is zero). */
    private static BigDecimal scaled(BigDecimal rate, boolean longContext, BigDecimal from, BigDecimal to) {
        if (!longContext || from.signum() == 0 || from.compareTo(to) == 0) return rate;
        return rate.multiply(to).divide(from, SCALE_PRECISION);
    }
}
