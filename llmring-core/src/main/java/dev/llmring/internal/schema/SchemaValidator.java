package dev.llmring.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates a JSON document against the schema subset {@link SchemaGenerator} produces: {@code type} (a name or an
 * array of names), {@code properties}, {@code required}, {@code additionalProperties} ({@code false} or a schema),
 * {@code enum}, {@code items}, {@code anyOf}, {@code format} (the formats of {@link StringFormats}) and local
 * {@code $ref}s ({@code #} and {@code #/$defs/Name}). Other keywords are ignored.
 *
 * <p>It reports every violation, not only the first. One deliberate leniency: a required property whose schema
 * admits {@code null} may be absent, and reads as {@code null}. Strict-mode schemas must list optional properties
 * as required, but providers without strict enforcement often leave them out, and absent means the same as null.
 */
public final class SchemaValidator {
    private final JsonNode root;
    private final List<Violation> violations = new ArrayList<>();

    private SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Every violation of {@code schema} by {@code document}, in document order; empty when it is valid. */
    public static List<Violation> validate(JsonNode schema, JsonNode document) {
        SchemaValidator v = new SchemaValidator(schema);
        v.check(schema, document, "");
        return List.copyOf(v.violations);
    }

    private void check(JsonNode schema, JsonNode value, String at) {
        schema = resolve(schema);
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && anyOf.isArray()) {
            checkAnyOf(anyOf, value, at);
            return;
        }
        Set<String> types = types(schema);
        if (!matches(types, value)) {
            violations.add(new Violation(at, "expected " + describe(types) + ", got " + typeOf(value)));
            return;
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray() && !contains(values, value)) {
            violations.add(
                    new Violation(at, "expected one of " + values + ", got a " + typeOf(value) + " not in that list"));
            return;
        }
        if (value.isObject()) checkObject(schema, value, at);
        else if (value.isArray()) checkArray(schema, value, at);
        else if (value.isTextual()) checkFormat(schema, value.asText(), at);
    }

    private void checkAnyOf(JsonNode alternatives, JsonNode value, String at) {
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            if (violationsOf(alternative, value).isEmpty()) return;
            if (matches(types(resolve(alternative)), value)) candidates.add(alternative);
        }
        if (candidates.size() == 1) {
            check(candidates.get(0), value, at);
        } else {
            violations.add(new Violation(
                    at, "a " + typeOf(value) + " matching none of the " + alternatives.size() + " alternatives"));
        }
    }

    /** Validates against a sub-schema of the same root, so that its {@code $ref}s resolve. */
    private List<Violation> violationsOf(JsonNode schema, JsonNode value) {
        SchemaValidator v = new SchemaValidator(root);
        v.check(schema, value, "");
        return v.violations;
    }

    private void checkObject(JsonNode schema, JsonNode value, String at) {
        JsonNode properties = schema.path("properties");
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode name : required) {
                JsonNode property = properties.get(name.asText());
                if (!value.has(name.asText()) && (property == null || !admitsNull(property))) {
                    violations.add(new Violation(Violation.child(at, name.asText()), "required property is missing"));
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = Violation.child(at, field.getKey());
            JsonNode property = properties.get(field.getKey());
            if (property != null) {
                check(property, field.getValue(), path);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                violations.add(new Violation(path, "property is not allowed by the schema"));
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), path);
            }
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String at) {
        JsonNode items = schema.get("items");
        if (items == null || !items.isObject()) return;
        for (int i = 0; i < value.size(); i++) check(items, value.get(i), Violation.child(at, Integer.toString(i)));
    }

    private void checkFormat(JsonNode schema, String text, String at) {
        JsonNode format = schema.get("format");
        if (format == null) return;
        Function<String, ?> parser = StringFormats.FORMATS.get(format.asText());
        if (parser == null) return;
        try {
            parser.apply(text);
        } catch (RuntimeException e) {
            violations.add(new Violation(at, "not a valid " + format.asText() + " string"));
        }
    }

    private JsonNode resolve(JsonNode schema) {
        for (int hops = 0; schema.has("$ref"); hops++) {
            String ref = schema.get("$ref").asText();
            if (hops > 32) throw new IllegalArgumentException("$ref cycle at " + ref);
            if (ref.equals("#")) {
                schema = root;
            } else if (ref.startsWith("#/$defs/")) {
                JsonNode target = root.path("$defs").get(ref.substring("#/$defs/".length()));
                if (target == null) throw new IllegalArgumentException("unresolvable $ref " + ref);
                schema = target;
            } else {
                throw new IllegalArgumentException("only local $refs are supported, was " + ref);
            }
        }
        return schema;
    }

    private boolean admitsNull(JsonNode schema) {
        schema = resolve(schema);
        if (schema.has("anyOf")) {
            for (JsonNode alternative : schema.get("anyOf")) {
                if (admitsNull(alternative)) return true;
            }
            return false;
        }
        return types(schema).contains("null");
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new LinkedHashSet<>();
        if (type == null) return types;
        if (type.isArray()) type.forEach(t -> types.add(t.asText()));
        else types.add(type.asText());
        return types;
    }

    private static boolean matches(Set<String> types, JsonNode value) {
        return types.isEmpty()
                || types.contains(typeOf(value))
                || (types.contains("number") && value.isNumber())
                || (types.contains("integer") && isIntegral(value));
    }

    private static String describe(Set<String> types) {
        return types.size() == 1 ? types.iterator().next() : String.join(" or ", types);
    }

    static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Integral by value: {@code 3} and {@code 3.0} are integers, as JSON Schema says. */
    private static boolean isIntegral(JsonNode value) {
        if (value.isIntegralNumber()) return true;
        if (!value.isNumber()) return false;
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            return !Double.isInfinite(d) && d == Math.rint(d);
        }
        BigDecimal d = value.decimalValue();
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) return true;
        }
        return false;
    }
}
