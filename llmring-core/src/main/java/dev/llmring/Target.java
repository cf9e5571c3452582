package dev.llmring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One pool entry: a provider and one of its models. Prints as {@code provider:model}, never more. A value class (equal
 * when both parts are) that keeps its printed form, since the router names it in every attempt it reports and pools
 * are resolved once per alias.
 */
final class Target {
    private final String provider;
    private final String model;
    private final String ref;

    Target(String provider, String model) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.model = Objects.requireNonNull(model, "model");
        this.ref = provider + ":" + model;
    }

    /** Splits {@code provider:model} on the first ':'; null when there is none or either side is empty. */
    static @Nullable Target parse(String ref) {
        int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) return null;
        return new Target(ref.substring(0, colon), ref.substring(colon + 1));
    }

    String provider() {
        return provider;
    }

    String model() {
        return model;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Target t && provider.equals(t.provider) && model.equals(t.model);
    }

    @Override
    public int hashCode() {
        return 31 * provider.hashCode() + model.hashCode();
    }

    @Override
    public String toString() {
        return ref;
    }
}
