package dev.llmring;

import dev.llmring.registry.ModelInfo;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry entry one call's preflight resolved for the binding it was about to call, kept so that the response
 * that binding serves is priced from the same entry: the registry is consulted once per call, not once before and once
 * after. Holds the latest binding checked (a failover checks the next one and replaces it); empty when the preflight
 * could not look the binding up (no registry, or its data unavailable), and then the cost looks it up itself.
 */
final class RegistryEntry {
    private record Resolved(Target target, @Nullable ModelInfo model) {}

    private volatile @Nullable Resolved resolved;

    /** Records that {@code target}'s entry is {@code model} (null: the registry does not list it). */
    void resolved(Target target, @Nullable ModelInfo model) {
        resolved = new Resolved(target, model);
    }

    /**
     * What was resolved for {@code provider:model}.
     *
     * @return null when this call resolved nothing for it; else the entry, empty when the registry does not list it
     */
    @Nullable
    Optional<ModelInfo> of(String provider, String model) {
        Resolved r = resolved;
        if (r == null
                || !r.target().provider().equals(provider)
                || !r.target().model().equals(model)) return null;
        return Optional.ofNullable(r.model());
    }
}
