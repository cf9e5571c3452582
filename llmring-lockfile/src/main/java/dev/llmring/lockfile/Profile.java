package dev.llmring.lockfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A named set of alias bindings (such as {@code dev} or {@code prod}) with the registry versions it pins.
 *
 * <p>Immutable; equal when name, bindings (in order) and registry versions are equal.
 */
public final class Profile {
    private final String name;
    private final List<Binding> bindings;
    private final Map<String, Binding> byAlias;
    private final Map<String, Integer> registryVersions;
    private final Map<String, Object> extra;

    private Profile(
            String name, List<Binding> bindings, Map<String, Integer> registryVersions, Map<String, Object> extra) {
        this.name = name;
        this.bindings = bindings;
        Map<String, Binding> index = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (index.putIfAbsent(b.alias(), b) != null) {
                throw new IllegalArgumentException("Alias '" + b.alias() + "' bound twice in profile '" + name + "'");
            }
        }
        this.byAlias = Collections.unmodifiableMap(index);
        this.registryVersions = registryVersions;
        this.extra = extra;
    }

    /**
     * A profile.
     *
     * @param name the profile name ({@code [A-Za-z0-9][A-Za-z0-9_.-]*}, at most 128 characters)
     * @param bindings the bindings, each alias at most once
     * @param registryVersions provider to pinned registry version (each at least 0)
     * @return the profile
     * @throws IllegalArgumentException if the name or a provider is malformed, an alias repeats, or a version is
     *     negative
     */
    public static Profile of(String name, List<Binding> bindings, Map<String, Integer> registryVersions) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindings, "bindings");
        Objects.requireNonNull(registryVersions, "registryVersions");
        return create(name, bindings, registryVersions, Map.of());
    }

    static Profile create(
            String name, List<Binding> bindings, Map<String, Integer> registryVersions, Map<String, Object> extra) {
        Names.requireName("profile name", name);
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : registryVersions.entrySet()) {
            String provider = e.getKey();
            Integer version = e.getValue();
            Names.requireName("provider", provider);
            if (version == null || version < 0) {
                throw new IllegalArgumentException(
                        "Registry version for '" + provider + "' must be at least 0, got " + version);
            }
            versions.put(provider, version);
        }
        return new Profile(name, List.copyOf(bindings), Collections.unmodifiableMap(versions), extra);
    }

    /** {@return the profile name} */
    public String name() {
        return name;
    }

    /** {@return the bindings, in file order (unmodifiable)} */
    public List<Binding> bindings() {
        return bindings;
    }

    /**
     * The binding of {@code alias}.
     *
     * @param alias an alias
     * @return its binding in this profile, if bound
     */
    public Optional<Binding> binding(String alias) {
        return Optional.ofNullable(byAlias.get(Objects.requireNonNull(alias, "alias")));
    }

    /** {@return the bound aliases, in file order} */
    public List<String> aliases() {
        return List.copyOf(byAlias.keySet());
    }

    /** {@return provider to pinned registry snapshot version (unmodifiable, in file order)} */
    public Map<String, Integer> registryVersions() {
        return registryVersions;
    }

    /** Keys of the profile table llmring does not know, kept for round trip. */
    Map<String, Object> extra() {
        return extra;
    }

    Profile withBinding(Binding binding) {
        List<Binding> next = new ArrayList<>(bindings);
        int at = indexOf(binding.alias());
        if (at >= 0) {
            next.set(at, binding);
        } else {
            next.add(binding);
        }
        return new Profile(name, List.copyOf(next), registryVersions, extra);
    }

    Profile withoutBinding(String alias) {
        List<Binding> next = new ArrayList<>(bindings);
        next.remove(indexOf(alias));
        return new Profile(name, List.copyOf(next), registryVersions, extra);
    }

    Profile withRegistryVersions(Map<String, Integer> versions) {
        return create(name, bindings, versions, extra);
    }

    private int indexOf(String alias) {
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).alias().equals(alias)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Profile
                && name.equals(((Profile) o).name)
                && bindings.equals(((Profile) o).bindings)
                && registryVersions.equals(((Profile) o).registryVersions)
                && extra.equals(((Profile) o).extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, bindings, registryVersions, extra);
    }

    @Override
    public String toString() {
        return "Profile[" + name + ", " + bindings.size() + " bindings, registry " + registryVersions + "]";
    }
}
