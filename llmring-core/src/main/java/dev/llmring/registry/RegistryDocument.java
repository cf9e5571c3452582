package dev.llmring.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One provider's registry document, parsed: its version ({@code 0} when the document states none), its
 * {@code updated_at} text and its models in document order.
 */
record RegistryDocument(String provider, int version, @Nullable String updatedAt, List<ModelInfo> models) {

    RegistryDocument {
        models = List.copyOf(models);
    }

    /** The document of a provider the registry has no file for. */
    static RegistryDocument empty(String provider) {
        return new RegistryDocument(provider, 0, null, List.of());
    }

    /**
     * Finds a model by name or alias, the same way for current and pinned data: an optional {@code provider:} prefix
     * is dropped; then an exact model name wins, then an exact alias, then a case-insensitive name or alias. Among
     * several entries sharing an alias, an active one wins, then the first in document order.
     */
    Optional<ModelInfo> find(String modelOrAlias) {
        String name =
                modelOrAlias.startsWith(provider + ":") ? modelOrAlias.substring(provider.length() + 1) : modelOrAlias;
        Optional<ModelInfo> exact = first(m -> m.modelName().equals(name));
        if (exact.isPresent()) return exact;
        Optional<ModelInfo> alias = first(m -> m.aliases().contains(name));
        if (alias.isPresent()) return alias;
        String lower = name.toLowerCase(Locale.ROOT);
        return first(m -> m.modelName().toLowerCase(Locale.ROOT).equals(lower)
                || m.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(lower)));
    }

    private Optional<ModelInfo> first(Predicate<ModelInfo> test) {
        // a stable sort keeps document order among equals: active entries first
        return models.stream()
                .filter(test)
                .sorted(Comparator.comparing((ModelInfo m) -> !m.isActive()))
                .findFirst();
    }
}
