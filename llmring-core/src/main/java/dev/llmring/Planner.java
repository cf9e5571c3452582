package dev.llmring;

import dev.llmring.internal.registry.Budget;
import dev.llmring.registry.ModelInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@link LlmRing#plan(ChatRequest)}: the pool as the router resolves it, less the bindings it would skip
 * before sending for reasons that do not change from call to call, each priced at its worst case.
 */
final class Planner {
    private final Router.Settings settings;
    private final @Nullable ModelLookup lookup;
    private final Map<String, List<Target>> pools = new ConcurrentHashMap<>();

    Planner(Router.Settings settings, @Nullable ModelLookup lookup) {
        this.settings = settings;
        this.lookup = lookup;
    }

    /** @throws NoUsableBindingException when the request's model resolves to nothing */
    CallPlan plan(ChatRequest request) {
        List<Target> pool = pools.computeIfAbsent(
                request.model(),
                m -> List.copyOf(
                        settings.resolver().resolve(m, settings.providers().names())));
        List<String> bindings = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> unpriced = new ArrayList<>();
        BigDecimal worst = null;
        for (Target target : pool) {
            String reason = skipReason(request, target);
            if (reason != null) {
                skipped.put(target.toString(), reason);
                continue;
            }
            bindings.add(target.toString());
            Optional<BigDecimal> cost = worstCase(request, target);
            if (cost.isEmpty()) unpriced.add(target.toString());
            else if (worst == null || cost.get().compareTo(worst) > 0) worst = cost.get();
        }
        return new CallPlan(bindings, skipped, unpriced, bindings.isEmpty() || !unpriced.isEmpty() ? null : worst);
    }

    private @Nullable String skipReason(ChatRequest request, Target target) {
        Providers.Slot slot = settings.providers().get(target.provider());
        if (slot == null) return "provider '" + target.provider() + "' is not registered";
        String unusable = Providers.unusable(slot);
        if (unusable != null) return unusable;
        try {
            return settings.preflight()
                    .check(new Preflight.Check(
                            request,
                            settings.resolver().profile(),
                            settings.resolver().lockfileProfile(),
                            target,
                            false));
        } catch (LlmRingException e) {
            return settings.failures().clean(e.getMessage());
        }
    }

    private Optional<BigDecimal> worstCase(ChatRequest request, Target target) {
        if (lookup == null) return Optional.empty();
        dev.llmring.lockfile.@Nullable Profile profile = settings.resolver().lockfileProfile();
        Optional<Integer> pinned = profile == null
                ? Optional.empty()
                : Optional.ofNullable(profile.registryVersions().get(target.provider()));
        Optional<ModelInfo> info;
        try {
            info = lookup.model(target.provider(), target.model(), pinned, true);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return info.flatMap(m -> Budget.worstCaseCost(m, request));
    }
}
