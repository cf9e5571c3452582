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
    private final @Nullable Places places;

    /** Where a binding read from a file stood: the file, its field path, and each constraint's line and column. */
    record Places(String file, String field, Map<List<String>, int[]> constraints) {}

    private Binding(
            String alias,
            List<ModelRef> models,
            Map<String, Object> constraints,
            Map<String, Object> extra,
            @Nullable Places places) {
        this.alias = alias;
        this.models = models;
        this.constraints = constraints;
        this.extra = extra;
        this.places = places;
    }

    /** This binding, remembering where it was read (for {@link #constraintError}). */
    Binding placed(Places places) {
        return new Binding(alias, models, constraints, extra, places);
    }

    /**
     * An error about one of this binding's constraints, placed at the file, line, column and field it was read from
     * when the binding came from a file (else naming the field only), for code that interprets constraints.
     *
     * @param path the keys from the constraints table down to the value, such as {@code [rate_limits, openai,
     *     requests_per_minute]}
     * @param detail what is wrong with the value
     * @return the exception (not thrown)
     */
    public LockfileException constraintError(List<String> path, String detail) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
        StringBuilder field = new StringBuilder(places == null ? "alias '" + alias + "'" : places.field());
        field.append(".constraints");
        for (String key : path) {
            field.append('.').append(key.matches("[A-Za-z0-9_-]+") ? key : '"' + key + '"');
        }
        int[] at = places == null ? null : places.constraints().get(List.copyOf(path));
        return new LockfileException(
                detail,
                places == null ? null : places.file(),
                at == null ? 0 : at[0],
                at == null ? 0 : at[1],
                field.toString(),
                null);
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
        return new Binding(alias, pool, constraints, extra, null);
    }

    /** {@return the alias} */
    public String alias() {
        return alias;
    }

    /** {@return the pool, in order of preference; never empty} */
    public List<ModelRef> models() {
        return models;
    }

    /** {@return the constraints (unmodifiable, insertion-ordered; empty when none)} */
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
