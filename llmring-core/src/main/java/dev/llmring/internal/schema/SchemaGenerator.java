package dev.llmring.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Derives a strict-mode JSON Schema from a record type.
 *
 * <ul>
 *   <li>records: {@code object}, properties in component order, all {@code required},
 *       {@code additionalProperties: false};</li>
 *   <li>{@code String}: {@code string}; {@code boolean}/{@code Boolean}: {@code boolean};</li>
 *   <li>{@code byte}, {@code short}, {@code int}, {@code long}, their boxes, {@code BigInteger}: {@code integer};</li>
 *   <li>{@code float}, {@code double}, their boxes, {@code BigDecimal}: {@code number};</li>
 *   <li>enums: {@code string} with {@code enum} of the constants' names;</li>
 *   <li>{@code List<T>}, {@code Set<T>}, {@code Collection<T>}, arrays: {@code array} with {@code items};</li>
 *   <li>{@code Map<String, T>}: {@code object} with {@code additionalProperties: T} (not strict-compatible);</li>
 *   <li>{@code Optional<T>} and {@code @Nullable} types (any annotation named {@code Nullable}, type-use or on the
 *       component): T's schema admitting {@code null}: {@code "type": [T, "null"]}, {@code null} added to an
 *       {@code enum}, or {@code anyOf [.., {"type": "null"}]} around a {@code $ref};</li>
 *   <li>{@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}: {@code string}, format {@code date-time};
 *       {@code LocalDate}: {@code date}; {@code OffsetTime}: {@code time}; {@code Duration}: {@code duration};
 *       {@code UUID}: {@code uuid}; {@code LocalDateTime} and {@code LocalTime}: {@code string} with a
 *       description (no standard format exists).</li>
 * </ul>
 *
 * <p>Recursion: a record that contains itself (directly or through others) is described once and referred to with
 * {@code $ref}: {@code "#"} for the root record, {@code "#/$defs/Name"} for others. Records without recursion are
 * always inlined, so most schemas carry no {@code $ref} at all (not every provider resolves references).
 *
 * <p>Everything else ({@code Object}, interfaces, non-record classes, generic records, raw collections, non-String
 * map keys, {@code char}, {@code byte[]}) is refused with an {@link IllegalArgumentException} naming the path.
 */
final class SchemaGenerator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<Class<?>> INTEGERS = Set.of(
            byte.class,
            short.class,
            int.class,
            long.class,
            Byte.class,
            Short.class,
            Integer.class,
            Long.class,
            BigInteger.class);
    private static final Set<Class<?>> NUMBERS =
            Set.of(float.class, double.class, Float.class, Double.class, BigDecimal.class);
    private static final Set<Class<?>> ARRAYS = Set.of(List.class, Set.class, Collection.class);

    private final Class<?> root;
    private final Deque<Class<?>> stack = new ArrayDeque<>();
    private final Map<Class<?>, String> defNames = new HashMap<>();
    private final Set<String> usedDefNames = new HashSet<>();
    private final ObjectNode defs = F.objectNode();
    private boolean strictCompatible = true;

    private SchemaGenerator(Class<?> root) {
        this.root = root;
    }

    static TypeSchema generate(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(
                    "structured output needs a record type (the answer is a JSON object), was " + type.getName());
        }
        SchemaGenerator g = new SchemaGenerator(type);
        ObjectNode schema = g.record(type);
        if (!g.defs.isEmpty()) schema.set("$defs", g.defs);
        return new TypeSchema(type, schemaName(type), schema, g.strictCompatible);
    }

    private static String schemaName(Class<?> type) {
        String n = type.getSimpleName().replaceAll("[^A-Za-z0-9_-]", "_");
        if (n.isEmpty()) n = "response";
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private ObjectNode record(Class<?> c) {
        if (defNames.containsKey(c) || stack.contains(c)) return ref(c);
        stack.push(c);
        ObjectNode properties = F.objectNode();
        ArrayNode required = F.arrayNode();
        for (RecordComponent rc : c.getRecordComponents()) {
            String where = c.getSimpleName() + "." + rc.getName();
            properties.set(
                    rc.getName(), describe(rc.getAnnotatedType(), hasNullable(rc.getDeclaredAnnotations()), where));
            required.add(rc.getName());
        }
        stack.pop();
        ObjectNode schema = F.objectNode().put("type", "object");
        schema.set("properties", properties);
        schema.set("required", required);
        schema.put("additionalProperties", false);
        if (defNames.containsKey(c) && c != root) {
            defs.set(defNames.get(c), schema);
            return ref(c);
        }
        return schema;
    }

    private ObjectNode ref(Class<?> c) {
        String name = defNames.computeIfAbsent(c, k -> {
            String base = schemaName(k);
            String n = base;
            for (int i = 2; !usedDefNames.add(n); i++) n = base + i;
            return n;
        });
        return F.objectNode().put("$ref", c == root ? "#" : "#/$defs/" + name);
    }

    /** The schema of a use of a type, admitting null when it is Optional or annotated nullable. */
    private ObjectNode describe(AnnotatedType at, boolean nullable, String where) {
        nullable |= hasNullable(at.getDeclaredAnnotations());
        AnnotatedType target = at;
        if (rawClass(at.getType()) == Optional.class) {
            target = typeArguments(at, where)[0];
            nullable = true;
        }
        ObjectNode schema = plain(target, where);
        boolean primitive = target.getType() instanceof Class<?> c && c.isPrimitive();
        return nullable && !primitive ? admitNull(schema) : schema;
    }

    private ObjectNode plain(AnnotatedType at, String where) {
        if (at instanceof AnnotatedArrayType array) {
            Type t = at.getType();
            if (t == byte[].class || t == char[].class) throw unsupported(where, t, "binary and char arrays");
            return array(describe(array.getAnnotatedGenericComponentType(), false, where + "[]"));
        }
        if (at instanceof AnnotatedWildcardType w) {
            if (w.getAnnotatedLowerBounds().length > 0
                    || w.getAnnotatedUpperBounds().length == 0
                    || w.getAnnotatedUpperBounds()[0].getType() == Object.class) {
                throw unsupported(where, at.getType(), "wildcards other than '? extends T'");
            }
            return plain(w.getAnnotatedUpperBounds()[0], where);
        }
        Type t = at.getType();
        if (t instanceof TypeVariable<?>) throw unsupported(where, t, "type variables (generic records)");
        Class<?> c = rawClass(t);
        if (c == null) throw unsupported(where, t, "this kind of type");
        if (ARRAYS.contains(c)) return array(describe(typeArguments(at, where)[0], false, where + "[]"));
        if (c == Map.class) {
            AnnotatedType[] args = typeArguments(at, where);
            if (args[0].getType() != String.class) throw unsupported(where, t, "map keys other than String");
            strictCompatible = false;
            ObjectNode schema = F.objectNode().put("type", "object");
            schema.set("additionalProperties", describe(args[1], false, where + "{}"));
            return schema;
        }
        if (t instanceof ParameterizedType) throw unsupported(where, t, "generic records and classes");
        if (c == String.class) return type("string");
        if (c == boolean.class || c == Boolean.class) return type("boolean");
        if (INTEGERS.contains(c)) return type("integer");
        if (NUMBERS.contains(c)) return type("number");
        if (c.isEnum()) {
            ArrayNode names = F.arrayNode();
            for (Object constant : c.getEnumConstants()) names.add(((Enum<?>) constant).name());
            ObjectNode schema = type("string");
            schema.set("enum", names);
            return schema;
        }
        if (c.isRecord()) return record(c);
        ObjectNode time = StringFormats.schemaFor(c);
        if (time != null) return time;
        throw unsupported(where, t, "this type");
    }

    private static ObjectNode type(String type) {
        return F.objectNode().put("type", type);
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode schema = type("array");
        schema.set("items", items);
        return schema;
    }

    /** T's schema widened to admit {@code null}. */
    static ObjectNode admitNull(ObjectNode schema) {
        if (schema.has("$ref")) {
            ObjectNode union = F.objectNode();
            union.putArray("anyOf").add(schema).add(type("null"));
            return union;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual())
            schema.putArray("type").add(type.asText()).add("null");
        if (schema.get("enum") instanceof ArrayNode values) values.addNull();
        return schema;
    }

    private static AnnotatedType[] typeArguments(AnnotatedType at, String where) {
        if (at instanceof AnnotatedParameterizedType p) return p.getAnnotatedActualTypeArguments();
        throw unsupported(where, at.getType(), "raw types (give the type arguments)");
    }

    private static @Nullable Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
        return null;
    }

    /** Any annotation named {@code Nullable} (JSpecify, JSR-305, Jakarta, Checker …), matched by name. */
    private static boolean hasNullable(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals("Nullable")) return true;
        }
        return false;
    }

    private static IllegalArgumentException unsupported(String where, Type t, String what) {
        return new IllegalArgumentException("cannot derive a JSON schema for " + where + " (" + t.getTypeName()
                + "): " + what + " cannot be mapped; use records, enums, String, boolean, numbers, List/Set/arrays, "
                + "Map<String, T>, Optional<T> or java.time types");
    }
}
