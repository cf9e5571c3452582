package dev.llmring.lockfile;

import java.util.List;
import java.util.Map;

/**
 * Writes the fixed lockfile schema as TOML: top-level scalars, {@code [metadata]}, {@code [extends]}, then per
 * profile {@code [profiles.<name>]}, {@code [profiles.<name>.registry_versions]} and one
 * {@code [[profiles.<name>.bindings]]} per binding with its {@code constraints} sub-table. Free-form values nested
 * below those tables are written inline.
 */
final class TomlWriter {
    private final StringBuilder out = new StringBuilder(1024);

    private TomlWriter() {}

    static String write(LockfileContent c) {
        return new TomlWriter().document(c);
    }

    private String document(LockfileContent c) {
        entry("version", c.version());
        if (c.createdAt() != null) {
            entry("created_at", c.createdAt().text());
        }
        if (c.updatedAt() != null) {
            entry("updated_at", c.updatedAt().text());
        }
        entry("default_profile", c.defaultProfile());
        entries(c.extra());
        if (!c.metadata().isEmpty()) {
            header("[metadata]");
            entries(c.metadata());
        }
        if (!c.extendsPackages().isEmpty()) {
            header("[extends]");
            entry("packages", c.extendsPackages());
        }
        for (Profile profile : c.profiles().values()) {
            String table = "profiles." + TomlText.key(profile.name());
            header("[" + table + "]");
            entry("name", profile.name());
            entries(profile.extra());
            if (!profile.registryVersions().isEmpty()) {
                header("[" + table + ".registry_versions]");
                profile.registryVersions().forEach((provider, version) -> entry(provider, (long) version));
            }
            for (Binding binding : profile.bindings()) {
                header("[[" + table + ".bindings]]");
                entry("alias", binding.alias());
                entry(
                        "models",
                        binding.models().stream()
                                .map(ModelRef::toString)
                                .collect(java.util.stream.Collectors.toList()));
                entries(binding.extra());
                if (!binding.constraints().isEmpty()) {
                    header("[" + table + ".bindings.constraints]");
                    entries(binding.constraints());
                }
            }
        }
        return out.toString();
    }

    private void header(String header) {
        out.append('\n').append(header).append('\n');
    }

    private void entries(Map<String, Object> table) {
        table.forEach(this::entry);
    }

    private void entry(String key, Object value) {
        out.append(TomlText.key(key)).append(" = ");
        if (value instanceof List && !((List<?>) value).isEmpty()) {
            List<?> list = (List<?>) value;
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                TomlText.value(list.get(i), out);
            }
            out.append(']');
        } else {
            TomlText.value(value, out);
        }
        out.append('\n');
    }
}
