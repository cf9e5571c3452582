package dev.llmring;

import dev.llmring.registry.CostCalculator;
import dev.llmring.registry.ModelInfo;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Registry data after the call and between failovers: the cost of every response, streamed or not, priced from the
 * snapshot the lockfile profile pins for the serving provider (else the current data): from the entry the call's
 * preflight resolved for the serving binding ({@link RegistryEntry}), else looked up here, and the context windows the
 * router compares after an overflow. Registry trouble never fails a call: the cost's status says why it is unpriced,
 * and an unknown window is just unknown.
 */
final class RegistryHooks implements AfterResponse, ContextWindows {
    private final ModelLookup lookup;
    private final PoolResolver pools;

    RegistryHooks(ModelLookup lookup, PoolResolver pools) {
        this.lookup = lookup;
        this.pools = pools;
    }

    @Override
    public ChatResponse apply(ChatRequest request, String profile, ChatResponse response) {
        return response.withCost(cost(response, null));
    }

    /** Prices from the entry the call's preflight resolved for the serving binding, when it resolved one. */
    @Override
    public ChatResponse apply(ChatRequest request, String profile, ChatResponse response, RegistryEntry entry) {
        return response.withCost(cost(response, entry.of(response.provider(), response.model())));
    }

    private Cost cost(ChatResponse response, @Nullable Optional<ModelInfo> resolved) {
        Usage usage = response.usage().orElse(null);
        if (usage == null) return Cost.unpriced(Cost.Status.NO_USAGE, "the provider reported no token usage");
        Optional<Integer> pinned = pinned(response.provider());
        Optional<ModelInfo> info = resolved;
        if (info == null) {
            try {
                info = lookup.model(response.provider(), response.model(), pinned, false);
            } catch (RuntimeException e) {
                return Cost.unpriced(Cost.Status.REGISTRY_UNAVAILABLE, String.valueOf(e.getMessage()));
            }
        }
        if (info.isEmpty()) {
            return Cost.unpriced(
                    Cost.Status.MODEL_NOT_IN_REGISTRY,
                    "the registry does not list " + response.binding()
                            + pinned.map(v -> " in version " + v).orElse(""));
        }
        return CostCalculator.cost(info.get(), usage);
    }

    @Override
    public OptionalLong of(Target target) {
        try {
            return lookup.model(target.provider(), target.model(), pinned(target.provider()), false)
                    .map(m -> m.maxInputTokens().isPresent()
                            ? OptionalLong.of(m.maxInputTokens().getAsInt())
                            : OptionalLong.empty())
                    .orElse(OptionalLong.empty());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private Optional<Integer> pinned(String provider) {
        dev.llmring.lockfile.@Nullable Profile profile = pools.lockfileProfile();
        return profile == null
                ? Optional.empty()
                : Optional.ofNullable(profile.registryVersions().get(provider));
    }
}
