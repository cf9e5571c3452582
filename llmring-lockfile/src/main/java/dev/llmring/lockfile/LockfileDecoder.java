package dev.llmring.lockfile;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validates a parsed document and builds the model; every error names file, line, column and field. */
final class LockfileDecoder {
    private static final Pattern VERSION = Pattern.compile("1(\\.[0-9]+)?");
    private static final Set<String> TOP_KEYS =
            Set.of("version", "created_at", "updated_at", "default_profile", "metadata", "extends", "profiles");
    private static final Set<String> PROFILE_KEYS = Set.of("name", "bindings", "registry_versions");
    private static final Set<String> BINDING_KEYS = Set.of("alias", "models", "constraints");
    private static final Set<String> LEGACY_BINDING_KEYS = Set.of("alias", "provider", "model", "constraints");

    private final String file;
    private final List<String> warnings = new ArrayList<>();
    private List<String> packages = List.of();

    private LockfileDecoder(String file) {
        this.file = file;
    }

    static LockfileContent decode(Node root, String file) {
        return new LockfileDecoder(file).document(root);
    }

    private LockfileContent document(Node root) {
        Map<String, Node> top = root.members();
        Node versionNode = top.get("version");
        String version = "1.0";
        if (versionNode != null) {
            version = string(versionNode, "version");
            if (!VERSION.matcher(version).matches()) { // LLMRing reads any version string the same way
                warn(
                        versionNode,
                        "version",
                        "lockfile version '" + Names.printable(version)
                                + "' is not 1.x; read as 1.x (as LLMRing reads it) and kept on save");
            }
        }
        Stamp created = stamp(top.get("created_at"), "created_at");
        Stamp updated = stamp(top.get("updated_at"), "updated_at");
        String defaultProfile = "default";
        Node defaultNode = top.get("default_profile");
        if (defaultNode != null && defaultNode.kind != Node.Kind.NULL) {
            defaultProfile = string(defaultNode, "default_profile");
            if (!Names.isName(defaultProfile)) {
                throw error(
                        defaultNode,
                        "default_profile",
                        "bad profile name '" + Names.printable(defaultProfile) + "': " + Names.NAME_RULE);
            }
        }
        Map<String, Object> metadata = freeTable(top.get("metadata"), "metadata");
        List<String> extendsPackages = extendsPackages(top.get("extends"));
        this.packages = extendsPackages;
        Map<String, Profile> profiles = profiles(top.get("profiles"));
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : top.entrySet()) {
            String key = e.getKey();
            if (!TOP_KEYS.contains(key)) {
                warn(e.getValue(), key, "unknown top-level key, kept as is");
                Object value = free(e.getValue(), key);
                if (value != null) {
                    extra.put(key, value);
                }
            }
        }
        if (!profiles.isEmpty() && !profiles.containsKey(defaultProfile)) {
            warn(
                    defaultNode != null ? defaultNode : root,
                    "default_profile",
                    "default profile '" + defaultProfile + "' is not defined; profiles: " + profiles.keySet());
        }
        return new LockfileContent(
                version,
                created,
                updated,
                defaultProfile,
                metadata,
                extendsPackages,
                profiles,
                Collections.unmodifiableMap(extra),
                List.copyOf(warnings));
    }

    private @Nullable Stamp stamp(@Nullable Node node, String field) {
        if (node == null || node.kind == Node.Kind.NULL) {
            return null;
        }
        if (node.kind == Node.Kind.DATETIME) {
            Object value = node.rawValue();
            if (value instanceof OffsetDateTime) {
                return Stamp.of((OffsetDateTime) value);
            }
            if (value instanceof LocalDateTime) {
                warn(node, field, "timestamp without offset, read as UTC");
                return Stamp.of(((LocalDateTime) value).atOffset(ZoneOffset.UTC));
            }
        }
        String text = string(node, field);
        Stamp stamp = Stamp.parse(text);
        if (stamp == null) {
            stamp = Stamp.parseNaiveAsUtc(text);
            if (stamp == null) {
                throw error(node, field, "not an ISO 8601 timestamp: '" + Names.printable(text) + "'");
            }
            warn(node, field, "timestamp without offset, read as UTC");
        }
        return stamp;
    }

    private List<String> extendsPackages(@Nullable Node node) {
        if (node == null || node.kind == Node.Kind.NULL) {
            return List.of();
        }
        expect(node, Node.Kind.TABLE, "extends");
        List<String> packages = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        node.members().forEach((key, member) -> {
            if (!key.equals("packages")) {
                warn(member, "extends." + key, "unknown key in [extends], ignored");
            }
        });
        Node list = node.members().get("packages");
        if (list == null || list.kind == Node.Kind.NULL) {
            return List.of();
        }
        expect(list, Node.Kind.ARRAY, "extends.packages");
        for (int i = 0; i < list.elements().size(); i++) {
            Node element = list.elements().get(i);
            String field = "extends.packages[" + i + "]";
            String name = string(element, field);
            if (!Names.isName(name)) {
                throw error(element, field, "bad package name '" + Names.printable(name) + "': " + Names.NAME_RULE);
            }
            Integer first = seen.putIfAbsent(name, element.line);
            if (first != null) {
                throw error(element, field, "package '" + name + "' listed twice (first at line " + first + ")");
            }
            packages.add(name);
        }
        return List.copyOf(packages);
    }

    private Map<String, Profile> profiles(@Nullable Node node) {
        if (node == null || node.kind == Node.Kind.NULL) {
            return Map.of();
        }
        expect(node, Node.Kind.TABLE, "profiles");
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : node.members().entrySet()) {
            profiles.put(e.getKey(), profile(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(profiles);
    }

    private Profile profile(String name, Node node) {
        String path = "profiles." + name;
        if (!Names.isName(name)) {
            throw error(node, path, "bad profile name '" + Names.printable(name) + "': " + Names.NAME_RULE);
        }
        expect(node, Node.Kind.TABLE, path);
        Map<String, Node> members = node.members();
        Node nameNode = members.get("name");
        if (nameNode != null
                && nameNode.kind != Node.Kind.NULL
                && !string(nameNode, path + ".name").equals(name)) {
            warn(
                    nameNode,
                    path + ".name",
                    "name '" + Names.printable(nameNode.string()) + "' differs from the table key; the key is used");
        }
        List<Binding> bindings = bindings(members.get("bindings"), path + ".bindings");
        Map<String, Integer> versions = registryVersions(members.get("registry_versions"), path + ".registry_versions");
        Map<String, Object> extra = extraKeys(members, PROFILE_KEYS, path);
        return Profile.create(name, bindings, versions, Collections.unmodifiableMap(extra));
    }

    private List<Binding> bindings(@Nullable Node node, String path) {
        if (node == null || node.kind == Node.Kind.NULL) {
            return List.of();
        }
        expect(node, Node.Kind.ARRAY, path);
        List<Binding> bindings = new ArrayList<>();
        Map<String, Integer> aliasLines = new HashMap<>();
        for (int i = 0; i < node.elements().size(); i++) {
            Node element = node.elements().get(i);
            String at = path + "[" + i + "]";
            expect(element, Node.Kind.TABLE, at);
            Map<String, Node> members = element.members();
            Node aliasNode = members.get("alias");
            if (aliasNode == null) {
                throw error(element, at + ".alias", "binding has no alias");
            }
            String alias = string(aliasNode, at + ".alias");
            if (!Names.isAlias(alias)) { // LLMRing reads any alias string; it resolves by exact name
                warn(
                        aliasNode,
                        at + ".alias",
                        "alias '" + Names.printable(alias) + "' does not follow the naming rule (" + Names.ALIAS_RULE
                                + "); kept, resolvable by its exact name, as LLMRing reads it");
            }
            int colon = alias.indexOf(':');
            if (colon > 0 && !packages.contains(alias.substring(0, colon))) {
                warn(
                        aliasNode,
                        at + ".alias",
                        "alias overrides package '" + alias.substring(0, colon)
                                + "', which is not among the extends packages " + packages);
            }
            Integer firstLine = aliasLines.putIfAbsent(alias, aliasNode.line);
            if (firstLine != null) { // LLMRing resolves an alias by its first binding
                warn(
                        aliasNode,
                        at + ".alias",
                        "duplicate alias '" + Names.printable(alias) + "' in this profile"
                                + (firstLine > 0 ? " (first bound at line " + firstLine + ")" : "")
                                + "; ignored: the first binding is used, as in LLMRing");
                continue;
            }
            List<ModelRef> models = models(element, members, at);
            if (models.isEmpty()) { // LLMRing treats an alias whose pool is empty as not bound
                warn(
                        element,
                        at + ".models",
                        "no usable model in the pool; alias '" + Names.printable(alias)
                                + "' is read as not bound, as in LLMRing");
                continue;
            }
            Map<String, Object> constraints = freeTable(members.get("constraints"), at + ".constraints");
            boolean legacy = !members.containsKey("models") && members.containsKey("provider");
            Map<String, Object> extra = extraKeys(members, legacy ? LEGACY_BINDING_KEYS : BINDING_KEYS, at);
            Map<List<String>, int[]> places = new HashMap<>();
            positions(members.get("constraints"), List.of(), places);
            bindings.add(Binding.create(alias, models, constraints, Collections.unmodifiableMap(extra))
                    .placed(new Binding.Places(file, at, places)));
        }
        return bindings;
    }

    private List<ModelRef> models(Node binding, Map<String, Node> members, String at) {
        Node modelsNode = members.get("models");
        if (modelsNode == null) {
            Node provider = members.get("provider");
            Node model = members.get("model");
            if (provider != null && model != null) { // the single-model shape of older LLMRing lockfiles
                String ref = string(provider, at + ".provider") + ":" + string(model, at + ".model");
                warn(binding, at, "legacy provider/model binding, read as models = [\"" + ref + "\"]");
                return List.of(modelRef(ref, model, at + ".model"));
            }
            throw error(binding, at + ".models", "binding has no models");
        }
        expect(modelsNode, Node.Kind.ARRAY, at + ".models");
        List<Node> elements = modelsNode.elements();
        List<ModelRef> models = new ArrayList<>();
        for (int j = 0; j < elements.size(); j++) {
            String field = at + ".models[" + j + "]";
            ModelRef ref;
            try {
                ref = ModelRef.parse(string(elements.get(j), field));
            } catch (IllegalArgumentException e) { // LLMRing skips such an entry when it resolves the pool
                warn(elements.get(j), field, e.getMessage() + "; entry skipped, as LLMRing skips it");
                continue;
            }
            if (models.contains(ref)) {
                warn(elements.get(j), field, "model " + ref + " listed twice in the pool");
            }
            models.add(ref);
        }
        return models;
    }

    private ModelRef modelRef(String text, Node node, String field) {
        try {
            return ModelRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(node, field, e.getMessage());
        }
    }

    private Map<String, Integer> registryVersions(@Nullable Node node, String path) {
        if (node == null || node.kind == Node.Kind.NULL) {
            return Map.of();
        }
        expect(node, Node.Kind.TABLE, path);
        Map<String, Integer> versions = new LinkedHashMap<>();
        node.members().forEach((provider, value) -> {
            String field = path + "." + provider;
            if (!Names.isName(provider)) {
                throw error(value, field, "bad provider name '" + Names.printable(provider) + "': " + Names.NAME_RULE);
            }
            expect(value, Node.Kind.INTEGER, field);
            long version = (Long) java.util.Objects.requireNonNull(value.rawValue());
            if (version < 0 || version > Integer.MAX_VALUE) {
                throw error(
                        value,
                        field,
                        "registry version must be between 0 and " + Integer.MAX_VALUE + ", got " + version);
            }
            versions.put(provider, (int) version);
        });
        return versions;
    }

    private Map<String, Object> extraKeys(Map<String, Node> members, Set<String> known, String path) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : members.entrySet()) {
            String key = e.getKey();
            if (!known.contains(key)) {
                warn(e.getValue(), path + "." + key, "unknown key, kept as is");
                Object value = free(e.getValue(), path + "." + key);
                if (value != null) {
                    extra.put(key, value);
                }
            }
        }
        return extra;
    }

    private Map<String, Object> freeTable(@Nullable Node node, String path) {
        if (node == null || node.kind == Node.Kind.NULL) {
            return Map.of();
        }
        expect(node, Node.Kind.TABLE, path);
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) java.util.Objects.requireNonNull(free(node, path));
        return table;
    }

    /** Free-form content, with JSON nulls dropped (TOML cannot hold them) and non-finite numbers refused. */
    private @Nullable Object free(Node node, String path) {
        switch (node.kind) {
            case NULL:
                warn(node, path, "null dropped (TOML has no null)");
                return null;
            case FLOAT:
                double d = (Double) java.util.Objects.requireNonNull(node.rawValue());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw error(node, path, "nan and inf cannot be written as JSON");
                }
                return d;
            case TABLE:
                Map<String, Object> table = new LinkedHashMap<>();
                node.members().forEach((key, member) -> {
                    Object value = free(member, path + "." + key);
                    if (value != null) {
                        table.put(key, value);
                    }
                });
                return Collections.unmodifiableMap(table);
            case ARRAY:
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < node.elements().size(); i++) {
                    Object value = free(node.elements().get(i), path + "[" + i + "]");
                    if (value != null) {
                        list.add(value);
                    }
                }
                return Collections.unmodifiableList(list);
            default:
                return java.util.Objects.requireNonNull(node.rawValue());
        }
    }

    private String string(Node node, String field) {
        expect(node, Node.Kind.STRING, field);
        return node.string();
    }

    private void expect(Node node, Node.Kind kind, String field) {
        if (node.kind != kind) {
            throw error(node, field, "expected " + kind.description + ", found " + node.kind.description);
        }
    }

    /** The line and column of every key under a free-form table, by key path. */
    private static void positions(@Nullable Node node, List<String> path, Map<List<String>, int[]> out) {
        if (node == null || node.kind != Node.Kind.TABLE) {
            return;
        }
        node.members().forEach((key, member) -> {
            List<String> at = new ArrayList<>(path);
            at.add(key);
            out.put(List.copyOf(at), new int[] {member.line, member.column});
            positions(member, at, out);
        });
    }

    private LockfileException error(Node node, String field, String detail) {
        return new LockfileException(detail, file, node.line, node.column, field, null);
    }

    private void warn(Node node, String field, String detail) {
        warnings.add(new LockfileException(detail, file, node.line, node.column, field, null).getMessage());
    }
}
