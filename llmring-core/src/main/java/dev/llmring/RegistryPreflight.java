package dev.llmring;

import dev.llmring.internal.registry.Budget;
import dev.llmring.internal.registry.CapabilityCheck;
import dev.llmring.internal.registry.ContextWindowCheck;
import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.ModelPolicy;
import dev.llmring.registry.RegistryException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks run on each binding before it is called, in this order (the first that refuses decides):
 * <ol>
 *   <li>model policy by name (builder and environment): a reason;</li>
 *   <li>the registry entry (pinned snapshot if the profile pins one), when there is a registry and it lists the
 *       model: policy by its aliases, capabilities the request needs and the model lacks (a reason each), and the
 *       context window ({@link ContextWindowExceededException}, or a WARN when the check is not enforced);</li>
 *   <li>the budget: the lowest of the builder's limits and the binding's lockfile constraints, and strict pricing
 *       ({@link BudgetExceededException}; the router skips the binding, as a cheaper one may follow).</li>
 * </ol>
 * Registry trouble never refuses a call, except under strict pricing, which cannot price without data.
 */
final class RegistryPreflight implements Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryPreflight.class);

    private final @Nullable ModelLookup lookup;
    private final List<ModelPolicy> policies;
    private final @Nullable BigDecimal maxCostPerCall;
    private final Map<String, BigDecimal> maxCostPerAlias;
    private final boolean strict;
    private final boolean enforceContextWindow;

    RegistryPreflight(
            @Nullable ModelLookup lookup,
            List<ModelPolicy> policies,
            @Nullable BigDecimal maxCostPerCall,
            Map<String, BigDecimal> maxCostPerAlias,
            boolean strict,
            boolean enforceContextWindow) {
        this.lookup = lookup;
        this.policies = List.copyOf(policies);
        this.maxCostPerCall = maxCostPerCall;
        this.maxCostPerAlias = Map.copyOf(maxCostPerAlias);
        this.strict = strict;
        this.enforceContextWindow = enforceContextWindow;
    }

    @Override
    public @Nullable String check(Check check) {
        Target t = check.target();
        for (ModelPolicy p : policies) {
            Optional<String> refused = p.refusal(t.provider(), t.model());
            if (refused.isPresent()) return "not allowed by the model policy: " + refused.get();
        }
        Optional<ModelInfo> info = Optional.empty();
        String unavailable = null;
        if (lookup == null) {
            unavailable = "no registry is configured";
        } else {
            try {
                info = lookup.model(t.provider(), t.model(), check.pinnedRegistryVersion(), strict);
                check.entry().resolved(t, info.orElse(null));
            } catch (RegistryException | IllegalArgumentException e) {
                unavailable = e.getMessage();
                LOG.debug("no registry data for {}: {}", t, unavailable);
            }
        }
        if (info.isPresent()) {
            String refused = refusal(info.get(), check);
            if (refused != null) return refused;
        }
        if (strict && unavailable != null) {
            throw new BudgetExceededException(
                    "strict pricing refuses " + t + ": it cannot be priced (" + unavailable + ")",
                    ErrorDetails.of(t.provider(), t.model()));
        }
        budget(check).check(t.provider(), t.model(), info, check.request());
        return null;
    }

    private @Nullable String refusal(ModelInfo model, Check check) {
        for (ModelPolicy p : policies) {
            Optional<String> refused = p.refusal(model);
            if (refused.isPresent()) return "not allowed by the model policy: " + refused.get();
        }
        List<String> unmet = CapabilityCheck.unmet(model, check.request(), check.streaming());
        if (!unmet.isEmpty()) {
            return "the registry says " + check.target() + " does not support " + String.join(", ", unmet)
                    + ", which the request needs";
        }
        try {
            ContextWindowCheck.check(model, check.request());
        } catch (ContextWindowExceededException e) {
            if (enforceContextWindow) throw e;
            LOG.warn("{}; calling it anyway (the context window check only warns)", e.getMessage());
        }
        return null;
    }

    /** The binding's constraints with the lowest cost limit of the lockfile's and the builder's. */
    private Budget budget(Check check) {
        Map<String, Object> constraints = check.constraints();
        BigDecimal limit = lowest(
                lowest(maxCostPerCall, maxCostPerAlias.get(check.request().model())),
                decimal(constraints.get(Budget.MAX_COST_KEY)));
        if (limit == null && !constraints.containsKey(Budget.MAX_INPUT_KEY) && !strict) return Budget.none();
        Map<String, Object> merged = new HashMap<>(constraints);
        if (limit != null) merged.put(Budget.MAX_COST_KEY, limit);
        return Budget.of(merged, strict);
    }

    private static @Nullable BigDecimal lowest(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A lockfile limit as a number ({@link Budget#of} has checked it when the client was built). */
    private static @Nullable BigDecimal decimal(@Nullable Object v) {
        if (v == null) return null;
        return v instanceof BigDecimal b ? b : new BigDecimal(v.toString().trim());
    }

    /**
     * Checks every binding's constraints in {@code profile} once, when the client is built.
     *
     * @throws IllegalArgumentException naming the alias and the bad value
     */
    static void validate(dev.llmring.lockfile.@Nullable Profile profile) {
        if (profile == null) return;
        for (dev.llmring.lockfile.Binding b : profile.bindings()) {
            try {
                Budget.of(b.constraints(), false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "lockfile profile '" + profile.name() + "', alias '" + b.alias() + "': " + e.getMessage(), e);
            }
        }
    }
}
