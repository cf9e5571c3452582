package dev.llmring;

import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the router reads a binding's registry entry: a {@link Registry} the caller configured (read as it is), or the
 * default {@link BackgroundRegistry} (never waits on the network unless asked to).
 */
interface ModelLookup {

    /**
     * The registry's entry for {@code provider:model}, from snapshot {@code pinned} when present.
     *
     * @param wait whether the caller accepts waiting for data being fetched (strict pricing); a configured registry
     *     always may fetch
     * @return empty when the registry does not list the model
     * @throws dev.llmring.registry.RegistryException when the data cannot be had now
     * @throws IllegalArgumentException when a name is not one the registry can look up
     */
    Optional<ModelInfo> model(String provider, String model, Optional<Integer> pinned, boolean wait);

    /**
     * Reads, off the caller's thread, what lookups of {@code provider} (at snapshot {@code pinned} when given) will need
     * and can have without the network, so that the first call does not pay for it. Called once as the client is
     * built; the default does nothing (a configured registry is left to fetch when first asked, as always).
     */
    default void prepare(String provider, @Nullable Integer pinned) {}

    /** A configured registry, asked directly. */
    static ModelLookup of(Registry registry) {
        return (provider, model, pinned, wait) -> registry.model(provider, model, pinned.orElse(null));
    }
}
