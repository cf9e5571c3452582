package dev.llmring.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds an instance from a tree that has passed {@link SchemaValidator}, walking the same types as
 * {@link SchemaGenerator}. What the schema cannot say is checked here and reported as violations: numbers out of
 * the Java type's range, strings a {@code java.time} parser rejects, and a record constructor that throws.
 *
 * <p>Binding happens in this module (not in Jackson), so a user's record needs to be accessible to
 * {@code dev.llmring.core} only: public in an exported package, in a package opened to it, or on the class path.
 * Collections come back unmodifiable, keeping the document's order ({@code Set}s drop repeated items).
 */
final class TreeBinder {
    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) types[i] = components[i].getType();
            try {
                Constructor<?> c = type.getDeclaredConstructor(types);
                c.trySetAccessible();
                return c;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without canonical constructor: " + type.getName(), e);
            }
        }
    };

    private final List<Violation> violations = new ArrayList<>();

    private TreeBinder() {}

    /**
     * Binds {@code tree} to {@code type}; the value, or {@code null} with {@code out} holding why not.
     *
     * @throws IllegalArgumentException when the record's constructor is not accessible to this module
     */
    static @Nullable Object bind(JsonNode tree, Class<?> type, List<Violation> out) {
        TreeBinder b = new TreeBinder();
        Object value = b.value(tree, type, "");
        out.addAll(b.violations);
        return b.violations.isEmpty() ? value : null;
    }

    private @Nullable Object value(@Nullable JsonNode node, Type type, String at) {
        if (type instanceof WildcardType w) return value(node, w.getUpperBounds()[0], at);
        Class<?> raw = raw(type);
        if (raw == Optional.class) return Optional.ofNullable(value(node, argument(type, 0), at));
        if (node == null || node.isNull()) {
            if (raw.isPrimitive()) return fail(at, "expected " + raw.getName() + ", got null");
            return null;
        }
        if (raw == String.class) return node.textValue();
        if (raw == boolean.class || raw == Boolean.class) return node.booleanValue();
        if (raw.isEnum()) return enumConstant(raw, node.textValue());
        if (raw.isRecord()) return record(node, raw, at);
        if (raw == List.class || raw == java.util.Collection.class) {
            return Collections.unmodifiableList(items(node, argument(type, 0), at));
        }
        if (raw == Set.class)
            return Collections.unmodifiableSet(new LinkedHashSet<>(items(node, argument(type, 0), at)));
        if (raw.isArray()) return array(node, type, raw, at);
        if (raw == Map.class) return map(node, argument(type, 1), at);
        if (raw == BigDecimal.class
                || raw == double.class
                || raw == Double.class
                || raw == float.class
                || raw == Float.class) {
            return decimal(node.decimalValue(), raw, at);
        }
        Function<String, ?> parser = StringFormats.PARSERS.get(raw);
        if (parser != null) {
            try {
                return parser.apply(node.textValue());
            } catch (RuntimeException e) {
                return fail(at, "not a valid " + raw.getSimpleName());
            }
        }
        return integer(node, raw, at);
    }

    private @Nullable Object record(JsonNode node, Class<?> type, String at) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        int before = violations.size();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            args[i] = value(node.get(name), components[i].getGenericType(), Violation.child(at, name));
        }
        if (violations.size() > before) return null;
        Constructor<?> constructor = CONSTRUCTORS.get(type);
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return fail(at, "rejected by the constructor of " + type.getSimpleName() + ": " + cause.getMessage());
        } catch (IllegalAccessException e) {
            throw inaccessible(type, e);
        } catch (InstantiationException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName(), e);
        }
    }

    private List<@Nullable Object> items(JsonNode node, Type itemType, String at) {
        List<@Nullable Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(value(node.get(i), itemType, Violation.child(at, Integer.toString(i))));
        }
        return items;
    }

    private Object array(JsonNode node, Type type, Class<?> raw, String at) {
        Type itemType = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
        List<@Nullable Object> items = items(node, itemType, at);
        Object array = Array.newInstance(raw.getComponentType(), items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item != null || !raw.getComponentType().isPrimitive()) Array.set(array, i, item);
        }
        return array;
    }

    private Map<String, @Nullable Object> map(JsonNode node, Type valueType, String at) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), value(e.getValue(), valueType, Violation.child(at, e.getKey())));
        }
        return Collections.unmodifiableMap(map);
    }

    private @Nullable Object decimal(BigDecimal value, Class<?> type, String at) {
        if (type == BigDecimal.class) return value;
        double d = value.doubleValue();
        if (type == float.class || type == Float.class) {
            float f = (float) d;
            return Float.isInfinite(f) ? fail(at, "out of range for float") : (Object) f;
        }
        return Double.isInfinite(d) ? fail(at, "out of range for double") : (Object) d;
    }

    private @Nullable Object integer(JsonNode node, Class<?> type, String at) {
        BigInteger n = node.isIntegralNumber()
                ? node.bigIntegerValue()
                : node.decimalValue().toBigInteger();
        try {
            if (type == BigInteger.class) return n;
            if (type == long.class || type == Long.class) return n.longValueExact();
            if (type == int.class || type == Integer.class) return n.intValueExact();
            if (type == short.class || type == Short.class) return n.shortValueExact();
            if (type == byte.class || type == Byte.class) return n.byteValueExact();
        } catch (ArithmeticException e) {
            return fail(at, "out of range for " + type.getSimpleName());
        }
        throw new IllegalStateException("no binding for " + type.getName() + " at " + at);
    }

    /**
     * Checks that this module can call the canonical constructor of every record reachable from {@code type}, so
     * that a type it could never build fails before a call is paid for.
     *
     * @throws IllegalArgumentException naming the first record it cannot construct
     */
    static void requireConstructible(Type type) {
        requireConstructible(type, new HashSet<>());
    }

    private static void requireConstructible(Type type, Set<Type> seen) {
        if (!seen.add(type)) return;
        if (type instanceof WildcardType w) {
            requireConstructible(w.getUpperBounds()[0], seen);
        } else if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) requireConstructible(argument, seen);
        } else if (type instanceof GenericArrayType g) {
            requireConstructible(g.getGenericComponentType(), seen);
        } else if (type instanceof Class<?> c && c.isArray()) {
            requireConstructible(c.getComponentType(), seen);
        } else if (type instanceof Class<?> c && c.isRecord()) {
            if (!CONSTRUCTORS.get(c).canAccess(null)) throw inaccessible(c, null);
            for (RecordComponent rc : c.getRecordComponents()) requireConstructible(rc.getGenericType(), seen);
        }
    }

    private static IllegalArgumentException inaccessible(Class<?> type, @Nullable Throwable cause) {
        return new IllegalArgumentException(
                "module dev.llmring.core cannot access the constructor of "
                        + type.getName() + ": make the record public in a package your module exports, or open the "
                        + "package to dev.llmring.core",
                cause);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private @Nullable Object fail(String at, String message) {
        violations.add(new Violation(at, message));
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) return c;
        if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        if (type instanceof GenericArrayType g)
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        throw new IllegalStateException("no binding for " + type.getTypeName());
    }

    private static Type argument(Type type, int i) {
        return ((ParameterizedType) type).getActualTypeArguments()[i];
    }
}
