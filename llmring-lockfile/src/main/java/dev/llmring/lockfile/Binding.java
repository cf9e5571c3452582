package dev.llmring.lockfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alias bound to an ordered, non-empty pool of models, tried in order, plus optional free-form
 * {@link #constraints() constraints} (kept on round trip; llmring does not interpret unknown ones).
 *
 * <p>Immutable; equal when alias, pool and constraints are equal.
 */
public final class Binding {
    private final String alias;
    private final List<ModelRef> models;
    private final Map<String, Object> constraints;
    private final Map<String, Object> extra;

    private Binding(String alias, List<ModelRef> models, Map<String, Object> constraints, Map<String, Object> extra) {
        this.alias = alias;
        this.models = models;
        this.constraints = constraints;
        this.extra = extra;
    }

    /**
     * A binding without constraints.
     *
     * @param alias the alias: a name ({@code [A-Za-z0-9][A-Za-z0-9_.-]*}, at most 128 characters), optionally
     *     prefixed by {@code package:} to override an extends package's alias
     * @param models the pool, in order of preference
     * @return the binding
     * @throws IllegalArgumentException if the alias is malformed, or the pool is empty
     */
    public static Binding of(String alias, List<ModelRef> models) {
        return of(alias, models, Map.of());
    }

    /**
     * A binding with constraints.
     *
     * @param alias the alias (see {@link #of(String, List)})
     * @param models the pool, in order of preference
     * @param constraints free-form constraints, such as {@code max_cost_usd_per_call = 0.05}: strings, booleans,
     *     integers, finite numbers, lists and string-keyed maps of those (no nulls)
     * @return the binding
     * @throws IllegalArgumentException if the alias is malformed, the pool is empty, or a
     *     constraint value cannot be written as TOML and JSON
     */
    public static Binding of(String alias, List<ModelRef> models, Map<String, ?> constraints) {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(constraints, "constraints");
        Names.requireAlias(alias);
        return create(alias, models, FreeForm.copyTable(constraints), Map.of());
    }

    /** Without the naming rule: a lockfile LLMRing wrote may hold any alias (the decoder warns about it). */
    static Binding create(
            String alias, List<ModelRef> models, Map<String, Object> constraints, Map<String, Object> extra) {
        List<ModelRef> pool = List.copyOf(models);
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("Empty pool for alias '" + alias + "': bind at least one model");
        }
        return new Binding(alias, pool, constraints, extra);
    }

    /** @return the alias */
    public String alias() {
        return alias;
    }

    /** @return the pool, in order of preference; never empty */
    public List<ModelRef> models() {
        return models;
    }

    /** @return the constraints (unmodifiable, insertion-ordered; empty when none) */
    public Map<String, Object> constraints() {
        return constraints;
    }

    /** Keys of the binding table llmring does not know, kept for round trip. */
    Map<String, Object> extra() {
        return extra;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Binding
                && alias.equals(((Binding) o).alias)
                && models.equals(((Binding) o).models)
                && constraints.equals(((Binding) o).constraints)
                && extra.equals(((Binding) o).extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alias, models, constraints, extra);
    }

    @Override
    public String toString() {
        return alias + " -> " + models + (constraints.isEmpty() ? "" : " " + constraints);
    }
}
