package dev.llmring.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Translates a JSON Schema into Gemini's {@code Schema} (a subset of OpenAPI 3.0), collecting every keyword it cannot
 * express instead of dropping it.
 *
 * <p>Translated: {@code type} (a type array with {@code "null"} becomes {@code nullable}), {@code properties},
 * {@code required}, {@code items}, {@code enum} and {@code const} of strings, {@code nullable}, {@code description},
 * {@code title}, {@code minimum}/{@code maximum}, {@code minItems}/{@code maxItems},
 * {@code minLength}/{@code maxLength}, {@code minProperties}/{@code maxProperties}, {@code pattern},
 * {@code propertyOrdering} (added in declaration order when absent), {@code anyOf}, {@code oneOf}/{@code anyOf} of one schema and {@code null} (becomes {@code nullable}),
 * {@code allOf} of one schema, and local {@code $ref}s (inlined; {@code $defs}/{@code definitions} are consumed that
 * way). {@code format} is kept where Gemini honours it ({@code date-time}, {@code enum}, {@code int32}/{@code int64},
 * {@code float}/{@code double}).
 *
 * <p>Dropped because they do not constrain the output: annotations ({@code $schema}, {@code $id}, {@code $comment},
 * {@code $anchor}, {@code examples}, {@code default}, {@code deprecated}, {@code readOnly}, {@code writeOnly},
 * {@code contentMediaType}, {@code contentEncoding}), other {@code format}s (an annotation in JSON Schema),
 * {@code additionalProperties: false} and {@code uniqueItems: false} (Gemini's constrained decoding never emits
 * undeclared properties, and {@code false} is the default for the latter).
 *
 * <p>Everything else is a problem: {@code additionalProperties} other than {@code false}, {@code patternProperties},
 * {@code oneOf} with several non-null alternatives, {@code allOf} of several schemas, recursive or non-local
 * {@code $ref}s, {@code not}, conditionals, {@code exclusiveMinimum}, {@code multipleOf}, {@code prefixItems},
 * non-string enums, objects without properties, schemas without a type, and any keyword not listed here.
 */
final class GeminiSchemaTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    private static final Set<String> DROPPED = Set.of(
            "$schema",
            "$id",
            "$comment",
            "$anchor",
            "$defs",
            "definitions",
            "examples",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "contentMediaType",
            "contentEncoding");
    private static final Set<String> COPIED = Set.of(
            "description",
            "title",
            "minimum",
            "maximum",
            "minItems",
            "maxItems",
            "minLength",
            "maxLength",
            "minProperties",
            "maxProperties",
            "pattern");
    private static final Set<String> HANDLED = Set.of(
            "type",
            "properties",
            "required",
            "items",
            "enum",
            "const",
            "nullable",
            "format",
            "anyOf",
            "oneOf",
            "allOf",
            "$ref",
            "additionalProperties",
            "uniqueItems",
            "propertyOrdering");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "STRING", Set.of("date-time", "enum"),
            "INTEGER", Set.of("int32", "int64"),
            "NUMBER", Set.of("float", "double"));
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");

    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();
    private final Deque<String> refs = new ArrayDeque<>();

    private GeminiSchemaTranslator(JsonNode root) {
        this.root = root;
    }

    /** The outcome: a translated schema when {@link #problems} is empty. */
    record Result(ObjectNode schema, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    static Result translate(JsonNode schema) {
        GeminiSchemaTranslator t = new GeminiSchemaTranslator(schema);
        ObjectNode out = t.schema(schema, "#", 0);
        return new Result(out == null ? NODES.objectNode() : out, List.copyOf(t.problems));
    }

    private void problem(String path, String what) {
        problems.add(what + " at " + path);
    }

    private @Nullable ObjectNode schema(JsonNode s, String path, int depth) {
        if (depth > MAX_DEPTH) {
            problem(path, "schema nested deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (!s.isObject()) {
            problem(path, "boolean schema '" + s + "' (any or no value)");
            return null;
        }
        if (s.has("$ref")) return ref(s, path, depth);
        if (s.has("allOf")) return allOf(s, path, depth);
        if (s.has("anyOf") || s.has("oneOf")) return union(s, path, depth);
        return plain(s, path, depth);
    }

    /** A local {@code $ref}, inlined; sibling annotations (description, title) override the target's. */
    private @Nullable ObjectNode ref(JsonNode s, String path, int depth) {
        String ref = s.get("$ref").asText();
        checkOnly(s, path, Set.of("$ref", "description", "title", "nullable"));
        if (refs.contains(ref)) {
            problem(path, "recursive $ref '" + ref + "'");
            return null;
        }
        JsonNode target = resolve(ref);
        if (target == null) {
            problem(path, "$ref '" + ref + "' that is not a local reference into this schema");
            return null;
        }
        refs.push(ref);
        ObjectNode out = schema(target, path, depth + 1);
        refs.pop();
        return overlay(out, s);
    }

    private @Nullable ObjectNode allOf(JsonNode s, String path, int depth) {
        JsonNode all = s.get("allOf");
        checkOnly(s, path, Set.of("allOf", "description", "title", "nullable"));
        if (!all.isArray() || all.size() != 1) {
            problem(path + "/allOf", "allOf of " + all.size() + " schemas (only one can be inlined)");
            return null;
        }
        return overlay(schema(all.get(0), path + "/allOf/0", depth + 1), s);
    }

    /** {@code anyOf}/{@code oneOf}: a single non-null alternative collapses to itself plus {@code nullable}. */
    private @Nullable ObjectNode union(JsonNode s, String path, int depth) {
        String key = s.has("anyOf") ? "anyOf" : "oneOf";
        checkOnly(s, path, Set.of(key, "description", "title", "nullable"));
        JsonNode alts = s.get(key);
        if (!alts.isArray() || alts.isEmpty()) {
            problem(path + "/" + key, key + " that is not a non-empty array");
            return null;
        }
        List<Integer> nonNull = new ArrayList<>();
        boolean nullable = false;
        for (int i = 0; i < alts.size(); i++) {
            if (isNullSchema(alts.get(i))) nullable = true;
            else nonNull.add(i);
        }
        ObjectNode out;
        if (nonNull.size() == 1) {
            int i = nonNull.get(0);
            out = schema(alts.get(i), path + "/" + key + "/" + i, depth + 1);
        } else if (nonNull.isEmpty()) {
            problem(path + "/" + key, key + " whose only alternative is null");
            return null;
        } else if (key.equals("oneOf")) {
            problem(path + "/oneOf", "oneOf with " + nonNull.size() + " non-null alternatives (exclusivity)");
            return null;
        } else {
            ArrayNode any = NODES.arrayNode();
            for (int i : nonNull) {
                ObjectNode alt = schema(alts.get(i), path + "/anyOf/" + i, depth + 1);
                if (alt != null) any.add(alt);
            }
            out = NODES.objectNode();
            out.set("anyOf", any);
        }
        if (out != null && nullable) out.put("nullable", true);
        return overlay(out, s);
    }

    private static boolean isNullSchema(JsonNode alt) {
        JsonNode type = alt.get("type");
        return alt.isObject()
                && type != null
                && type.isTextual()
                && type.asText().equals("null")
                && alt.size() == 1;
    }

    private @Nullable ObjectNode overlay(@Nullable ObjectNode out, JsonNode s) {
        if (out == null) return null;
        for (String k : List.of("description", "title")) {
            if (s.hasNonNull(k)) out.set(k, s.get(k));
        }
        if (s.path("nullable").asBoolean(false)) out.put("nullable", true);
        return out;
    }

    private void checkOnly(JsonNode s, String path, Set<String> allowed) {
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k) && !DROPPED.contains(k)) {
                problem(path + "/" + k, "'" + k + "' beside a composition");
            }
        }
    }

    private @Nullable ObjectNode plain(JsonNode s, String path, int depth) {
        ObjectNode out = NODES.objectNode();
        boolean nullable = s.path("nullable").asBoolean(false);
        String type = null;
        JsonNode t = s.get("type");
        if (t != null && t.isArray()) {
            List<String> types = new ArrayList<>();
            t.forEach(e -> {
                if (e.asText().equals("null")) out.put("nullable", true);
                else types.add(e.asText());
            });
            if (types.size() == 1) type = types.get(0);
            else problem(path + "/type", "type with " + types.size() + " non-null types " + types);
            if (types.size() != 1) return null;
        } else if (t != null && t.isTextual()) {
            type = t.asText();
        } else if (t == null) {
            type = s.has("properties")
                    ? "object"
                    : s.has("items") ? "array" : s.has("enum") || s.has("const") ? "string" : null;
        }
        if (type == null || !TYPES.contains(type)) {
            problem(path, type == null ? "schema without a type" : "type '" + type + "'");
            return null;
        }
        String gType = type.toUpperCase(Locale.ROOT);
        out.put("type", gType);
        if (nullable) out.put("nullable", true);
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (COPIED.contains(k)) {
                out.set(k, v);
            } else if (!HANDLED.contains(k) && !DROPPED.contains(k)) {
                problem(path + "/" + k, "unsupported keyword '" + k + "'");
            }
        }
        if (s.has("format")) {
            String f = s.get("format").asText();
            if (FORMATS.getOrDefault(gType, Set.of()).contains(f)) out.put("format", f);
        }
        if (s.has("enum") || s.has("const")) enumeration(s, path, out);
        switch (gType) {
            case "OBJECT" -> object(s, path, depth, out);
            case "ARRAY" -> array(s, path, depth, out);
            default -> {}
        }
        return out;
    }

    private void enumeration(JsonNode s, String path, ObjectNode out) {
        ArrayNode values = NODES.arrayNode();
        String key = s.has("enum") ? "enum" : "const";
        JsonNode given = s.has("enum") ? s.get("enum") : NODES.arrayNode().add(s.get("const"));
        for (JsonNode v : given) {
            if (v.isNull()) out.put("nullable", true);
            else if (v.isTextual()) values.add(v.asText());
            else {
                problem(path + "/" + key, key + " with a non-string value " + v);
                return;
            }
        }
        if (!"STRING".equals(out.path("type").asText())) {
            problem(
                    path + "/" + key,
                    key + " on type " + out.path("type").asText().toLowerCase(Locale.ROOT));
            return;
        }
        out.put("format", "enum");
        out.set("enum", values);
    }

    private void object(JsonNode s, String path, int depth, ObjectNode out) {
        JsonNode props = s.get("properties");
        if (props == null || !props.isObject() || props.isEmpty()) {
            problem(path, "object without properties (a free-form map)");
        } else {
            ObjectNode translated = out.putObject("properties");
            ArrayNode order = NODES.arrayNode();
            props.fields().forEachRemaining(e -> {
                ObjectNode p = schema(e.getValue(), path + "/properties/" + escape(e.getKey()), depth + 1);
                if (p != null) translated.set(e.getKey(), p);
                order.add(e.getKey());
            });
            out.set("propertyOrdering", s.has("propertyOrdering") ? s.get("propertyOrdering") : order);
        }
        if (s.has("required")) out.set("required", s.get("required"));
        JsonNode extra = s.get("additionalProperties");
        if (extra != null && !(extra.isBoolean() && !extra.asBoolean())) {
            problem(path + "/additionalProperties", "additionalProperties " + (extra.isObject() ? "schema" : extra));
        }
    }

    private void array(JsonNode s, String path, int depth, ObjectNode out) {
        JsonNode items = s.get("items");
        if (items == null) {
            problem(path, "array without items");
        } else {
            ObjectNode i = schema(items, path + "/items", depth + 1);
            if (i != null) out.set("items", i);
        }
        JsonNode unique = s.get("uniqueItems");
        if (unique != null && !(unique.isBoolean() && !unique.asBoolean())) {
            problem(path + "/uniqueItems", "uniqueItems " + unique);
        }
    }

    /** Resolves {@code #} or {@code #/json/pointer} against the root; null when not local or not found. */
    private @Nullable JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) return null;
        if (ref.equals("#")) return root;
        if (!ref.startsWith("#/")) return null;
        JsonNode node = root;
        for (String token : ref.substring(2).split("/", -1)) {
            String key = token.replace("~1", "/").replace("~0", "~");
            node = node.isArray() && key.matches("\\d+") ? node.get(Integer.parseInt(key)) : node.get(key);
            if (node == null) return null;
        }
        return node;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
