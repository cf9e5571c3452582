package dev.llmring;

import java.util.Objects;

/** One pool entry: a provider and one of its models. Prints as {@code provider:model}, never more. */
record Target(String provider, String model) {
    Target {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** Splits {@code provider:model} on the first ':'; null when there is none or either side is empty. */
    static @org.jspecify.annotations.Nullable Target parse(String ref) {
        int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) return null;
        return new Target(ref.substring(0, colon), ref.substring(colon + 1));
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
