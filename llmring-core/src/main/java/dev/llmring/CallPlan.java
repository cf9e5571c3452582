package dev.llmring;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a client would do with a request, found without sending it ({@link LlmRing#plan(ChatRequest)}): the bindings
 * it may call, in the order it tries them, and the most the call can cost on any of them. For callers that must
 * decide before sending: a batch runner reserving a budget, a scheduler pacing the binding that will serve.
 *
 * <p>Only what is known without a call counts: a binding is left out when its provider is unknown, it has no key, or
 * the client's checks refuse it (model policy, registry capabilities, context window, per-call cost limits). Breakers
 * and rate limits change from moment to moment and are not considered. Immutable.
 */
public final class CallPlan {
    private final List<String> bindings;
    private final Map<String, String> skipped;
    private final List<String> unpriced;
    private final @Nullable BigDecimal worstCaseCost;

    CallPlan(
            List<String> bindings,
            Map<String, String> skipped,
            List<String> unpriced,
            @Nullable BigDecimal worstCaseCost) {
        this.bindings = List.copyOf(bindings);
        this.skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        this.unpriced = List.copyOf(unpriced);
        this.worstCaseCost = worstCaseCost;
    }

    /** {@return the bindings ({@code provider:model}) the client may call for the request, first tried first} */
    public List<String> bindings() {
        return bindings;
    }

    /** {@return the bindings of the pool left out, each with the reason the router would give} */
    public Map<String, String> skipped() {
        return skipped;
    }

    /**
     * The bindings of {@link #bindings()} whose worst case cannot be priced: the registry does not list them, has no
     * prices for them, knows no output limit while the request sets none, or cannot be read.
     *
     * @return those bindings, unmodifiable; empty when every binding can be priced
     */
    public List<String> unpriced() {
        return unpriced;
    }

    /**
     * The most the request can cost in US dollars on whichever of {@link #bindings()} serves it: estimated input
     * tokens plus the output limit, at each binding's registry prices (the rule of {@code max_cost_usd_per_call},
     * see {@code docs/registry-and-cost.md}), the highest of them. Retries of a failed attempt are not counted:
     * providers do not bill failed attempts.
     *
     * @return empty when no binding is left or any of them is {@linkplain #unpriced() unpriced}
     */
    public Optional<BigDecimal> worstCaseCost() {
        return Optional.ofNullable(worstCaseCost);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CallPlan p
                && bindings.equals(p.bindings)
                && skipped.equals(p.skipped)
                && unpriced.equals(p.unpriced)
                && Objects.equals(worstCaseCost, p.worstCaseCost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindings, skipped, unpriced, worstCaseCost);
    }

    @Override
    public String toString() {
        return "CallPlan[bindings=" + bindings + ", skipped=" + skipped.keySet() + ", unpriced=" + unpriced
                + ", worstCase=" + (worstCaseCost == null ? "-" : Cost.display(worstCaseCost)) + "]";
    }
}
