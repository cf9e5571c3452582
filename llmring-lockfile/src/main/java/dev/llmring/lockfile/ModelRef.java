package dev.llmring.lockfile;

import java.util.Objects;
import java.util.Set;

/**
 * A concrete model: {@code provider:model}, split on the first {@code ':'} only, so
 * {@code ollama:llama3:8b} is provider {@code ollama} and model {@code llama3:8b}.
 *
 * <p>The provider follows the lockfile name rule (starts with a letter or digit, then letters, digits,
 * {@code _ . -}); the model is any non-empty text without whitespace or control characters.
 *
 * @param provider the provider id, such as {@code anthropic}
 * @param model the provider's model id, such as {@code claude-sonnet-4-5-20250929}
 */
public record ModelRef(String provider, String model) {

    /**
     * A model reference from its two parts.
     *
     * @param provider the provider id
     * @param model the provider's model id (may itself contain {@code ':'})
     * @throws IllegalArgumentException if the provider or the model is malformed, naming the bad value
     */
    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Names.requireName("provider", provider);
        if (model.isEmpty()) {
            throw new IllegalArgumentException("Empty model name for provider '" + provider + "'");
        }
        for (int i = 0; i < model.length(); i++) {
            char c = model.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException(
                        "Bad model name '" + Names.printable(model) + "': no whitespace or control characters");
            }
        }
    }

    /**
     * Parses {@code provider:model}, splitting on the first {@code ':'}.
     *
     * @param ref the reference
     * @return the model reference
     * @throws IllegalArgumentException if {@code ref} has no {@code ':'}, an empty side, or a malformed provider,
     *     naming the bad value
     */
    public static ModelRef parse(String ref) {
        Objects.requireNonNull(ref, "ref");
        int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) {
            throw new IllegalArgumentException(
                    "Malformed model reference '" + Names.printable(ref) + "': expected provider:model");
        }
        try {
            return new ModelRef(ref.substring(0, colon), ref.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Malformed model reference '" + Names.printable(ref) + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@link Lockfile#resolve} reads {@code aliasOrRef} as a model reference rather than an alias: it does
     * when the text before the first {@code ':'} is one of {@code knownProviders}. Says nothing about whether the
     * rest is well formed ({@link #parse} says that).
     *
     * @param aliasOrRef an alias, {@code package:alias}, or {@code provider:model}
     * @param knownProviders the provider ids that make {@code x:y} a model reference
     * @return true for {@code provider:…} with a known provider; false for an alias or {@code package:alias}
     */
    public static boolean isModelReference(String aliasOrRef, Set<String> knownProviders) {
        Objects.requireNonNull(aliasOrRef, "aliasOrRef");
        Objects.requireNonNull(knownProviders, "knownProviders");
        int colon = aliasOrRef.indexOf(':');
        return colon > 0 && knownProviders.contains(aliasOrRef.substring(0, colon));
    }

    /** @return {@code provider:model} */
    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
