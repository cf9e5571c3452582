package dev.llmring.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One provider's registry document, parsed: its version ({@code 0} when the document states none), its
 * {@code updated_at} text and its models in document order, with an index built once per document (a snapshot is
 * immutable, and current data is a new document after each refresh) so that a lookup on the call path is a few hash
 * lookups, not a scan, a sort and a comparison of every name.
 */
final class RegistryDocument {
    private final String provider;
    private final int version;
    private final @Nullable String updatedAt;
    private final List<ModelInfo> models;
    private final Map<String, ModelInfo> byName;
    private final Map<String, ModelInfo> byAlias;
    private final Map<String, ModelInfo> byLowerCase;

    RegistryDocument(String provider, int version, @Nullable String updatedAt, List<ModelInfo> models) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.version = version;
        this.updatedAt = updatedAt;
        this.models = List.copyOf(models);
        Map<String, ModelInfo> names = new HashMap<>();
        Map<String, ModelInfo> aliases = new HashMap<>();
        Map<String, ModelInfo> lower = new HashMap<>();
        for (ModelInfo m : this.models) {
            prefer(names, m.modelName(), m);
            prefer(lower, m.modelName().toLowerCase(Locale.ROOT), m);
            for (String a : m.aliases()) {
                prefer(aliases, a, m);
                prefer(lower, a.toLowerCase(Locale.ROOT), m);
            }
        }
        this.byName = Map.copyOf(names);
        this.byAlias = Map.copyOf(aliases);
        this.byLowerCase = Map.copyOf(lower);
    }

    /** The document of a provider the registry has no file for. */
    static RegistryDocument empty(String provider) {
        return new RegistryDocument(provider, 0, null, List.of());
    }

    String provider() {
        return provider;
    }

    int version() {
        return version;
    }

    @Nullable
    String updatedAt() {
        return updatedAt;
    }

    List<ModelInfo> models() {
        return models;
    }

    /**
     * Finds a model by name or alias, the same way for current and pinned data: an optional {@code provider:} prefix
     * is dropped; then an exact model name wins, then an exact alias, then a case-insensitive name or alias. Among
     * several entries sharing a name or an alias, an active one wins, then the first in document order.
     */
    Optional<ModelInfo> find(String modelOrAlias) {
        String name = modelOrAlias.length() > provider.length()
                        && modelOrAlias.charAt(provider.length()) == ':'
                        && modelOrAlias.startsWith(provider)
                ? modelOrAlias.substring(provider.length() + 1)
                : modelOrAlias;
        ModelInfo found = byName.get(name);
        if (found == null) found = byAlias.get(name);
        if (found == null) found = byLowerCase.get(name.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(found);
    }

    /**
     * Keeps, under {@code key}, the first active entry in document order, else the first entry: what a stable sort of
     * all matches by "active first" followed by taking the first gives.
     */
    private static void prefer(Map<String, ModelInfo> index, String key, ModelInfo candidate) {
        ModelInfo held = index.get(key);
        if (held == null || (!held.isActive() && candidate.isActive())) index.put(key, candidate);
    }

    @Override
    public String toString() {
        return "RegistryDocument[" + provider + " v" + version + ", " + models.size() + " models]";
    }
}
