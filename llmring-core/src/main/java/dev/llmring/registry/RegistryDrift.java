package dev.llmring.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two registry versions of a provider: models added and removed, and for models in both, every
 * price, limit, capability flag, alias list and lifecycle field that differs. Prices compare by value
 * ({@code 3.0} equals {@code 3.00}). A lockfile that pins {@code registry_versions} uses this to show what moving the
 * pin to the current version would change.
 */
public final class RegistryDrift {
    /** The kind of a change. Later versions may add kinds. */
    public enum Kind {
        /** The model is in the newer version only. */
        ADDED,
        /** The model is in the older version only. */
        REMOVED,
        /** A {@code dollars_per_million_tokens_*} price changed, appeared or went. */
        PRICE,
        /** {@code max_input_tokens}, {@code max_output_tokens} or {@code long_context_threshold_tokens} changed. */
        LIMIT,
        /** A capability flag ({@code supports_*}, {@code is_*}) changed, appeared or went. */
        CAPABILITY,
        /** The {@code model_aliases} list changed. */
        ALIASES,
        /** {@code is_active} or {@code deprecated_date} changed. */
        LIFECYCLE
    }

    /** One change; {@link #field()} is the registry's field name ({@code dollars_per_million_tokens_input} …). */
    public static final class Change {
        private final Kind kind;
        private final String model;
        private final String field;
        private final @Nullable String before;
        private final @Nullable String after;

        private Change(Kind kind, String model, String field, @Nullable String before, @Nullable String after) {
            this.kind = kind;
            this.model = model;
            this.field = field;
            this.before = before;
            this.after = after;
        }

        /** {@return what kind of change this is} */
        public Kind kind() {
            return kind;
        }

        /** {@return the changed model as {@code provider:model}} */
        public String model() {
            return model;
        }

        /** {@return the registry field that changed; empty text for {@link Kind#ADDED} and {@link Kind#REMOVED}} */
        public String field() {
            return field;
        }

        /** {@return the old value as text; empty when the field was absent (or the model was added)} */
        public Optional<String> before() {
            return Optional.ofNullable(before);
        }

        /** {@return the new value as text; empty when the field is now absent (or the model was removed)} */
        public Optional<String> after() {
            return Optional.ofNullable(after);
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Change c
                    && c.kind == kind
                    && c.model.equals(model)
                    && c.field.equals(field)
                    && Objects.equals(c.before, before)
                    && Objects.equals(c.after, after);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, model, field, before, after);
        }

        /** E.g. {@code PRICE openai:x dollars_per_million_tokens_input: 5.0 -> 2.5}. */
        @Override
        public String toString() {
            if (kind == Kind.ADDED || kind == Kind.REMOVED) return kind + " " + model;
            return kind + " " + model + " " + field + ": " + (before == null ? "(none)" : before) + " -> "
                    + (after == null ? "(none)" : after);
        }
    }

    private RegistryDrift() {}

    /**
     * The changes from snapshot {@code pinnedVersion} of {@code provider} to its current data.
     *
     * @param registry where both versions are read
     * @param provider the registry provider name, e.g. {@code openai}
     * @param pinnedVersion the snapshot version the lockfile pins, positive
     * @return the changes as {@link #compare(List, List)} orders them; empty when nothing changed
     * @throws RegistryException when either version cannot be obtained
     * @throws IllegalArgumentException when the provider name is malformed or the version is not positive
     */
    public static List<Change> sincePinned(Registry registry, String provider, int pinnedVersion) {
        Objects.requireNonNull(registry, "registry");
        return compare(registry.models(provider, pinnedVersion), registry.models(provider));
    }

    /**
     * The changes from {@code before} to {@code after}, models matched by provider and model name.
     *
     * @param before the older models
     * @param after the newer models
     * @return removals, then additions, then field changes of models in both (in {@code before}'s order);
     *     unmodifiable, empty when nothing changed
     */
    public static List<Change> compare(List<ModelInfo> before, List<ModelInfo> after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Map<String, ModelInfo> old = byRef(before);
        Map<String, ModelInfo> now = byRef(after);
        List<Change> changes = new ArrayList<>();
        for (String ref : old.keySet()) {
            if (!now.containsKey(ref)) changes.add(new Change(Kind.REMOVED, ref, "", null, null));
        }
        for (String ref : now.keySet()) {
            if (!old.containsKey(ref)) changes.add(new Change(Kind.ADDED, ref, "", null, null));
        }
        for (Map.Entry<String, ModelInfo> e : old.entrySet()) {
            ModelInfo n = now.get(e.getKey());
            if (n != null) diff(e.getKey(), e.getValue(), n, changes);
        }
        return List.copyOf(changes);
    }

    private static Map<String, ModelInfo> byRef(List<ModelInfo> models) {
        Map<String, ModelInfo> map = new LinkedHashMap<>();
        for (ModelInfo m : models) map.putIfAbsent(m.ref(), m);
        return map;
    }

    private static void diff(String ref, ModelInfo a, ModelInfo b, List<Change> out) {
        for (ModelInfo.Price p : ModelInfo.Price.values()) {
            BigDecimal x = a.price(p).orElse(null);
            BigDecimal y = b.price(p).orElse(null);
            if (x == null ? y != null : y == null || x.compareTo(y) != 0) {
                out.add(new Change(Kind.PRICE, ref, p.field, plain(x), plain(y)));
            }
        }
        limit(ref, "max_input_tokens", text(a.maxInputTokens()), text(b.maxInputTokens()), out);
        limit(ref, "max_output_tokens", text(a.maxOutputTokens()), text(b.maxOutputTokens()), out);
        limit(
                ref,
                "long_context_threshold_tokens",
                a.longContextThresholdTokens().isPresent()
                        ? Long.toString(a.longContextThresholdTokens().getAsLong())
                        : null,
                b.longContextThresholdTokens().isPresent()
                        ? Long.toString(b.longContextThresholdTokens().getAsLong())
                        : null,
                out);
        TreeSet<String> flags = new TreeSet<>(a.capabilities().keySet());
        flags.addAll(b.capabilities().keySet());
        for (String f : flags) {
            Boolean x = a.capabilities().get(f);
            Boolean y = b.capabilities().get(f);
            if (!Objects.equals(x, y)) {
                out.add(new Change(
                        Kind.CAPABILITY, ref, f, x == null ? null : x.toString(), y == null ? null : y.toString()));
            }
        }
        if (!a.aliases().equals(b.aliases())) {
            out.add(new Change(
                    Kind.ALIASES,
                    ref,
                    "model_aliases",
                    a.aliases().toString(),
                    b.aliases().toString()));
        }
        if (a.isActive() != b.isActive()) {
            out.add(new Change(
                    Kind.LIFECYCLE, ref, "is_active", Boolean.toString(a.isActive()), Boolean.toString(b.isActive())));
        }
        if (!a.deprecatedDate().equals(b.deprecatedDate())) {
            out.add(new Change(
                    Kind.LIFECYCLE,
                    ref,
                    "deprecated_date",
                    a.deprecatedDate().map(Object::toString).orElse(null),
                    b.deprecatedDate().map(Object::toString).orElse(null)));
        }
    }

    private static void limit(String ref, String field, @Nullable String x, @Nullable String y, List<Change> out) {
        if (!Objects.equals(x, y)) out.add(new Change(Kind.LIMIT, ref, field, x, y));
    }

    private static @Nullable String text(java.util.OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : null;
    }

    private static @Nullable String plain(@Nullable BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
