package dev.llmring.lockfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form values (constraints, metadata, unknown keys): what both TOML and JSON can hold. Integers become
 * {@code Long}, other numbers {@code Double}; tables are insertion-ordered unmodifiable maps, arrays unmodifiable
 * lists. TOML date-times are kept as {@code java.time} values (JSON writes them as ISO strings).
 */
final class FreeForm {
    private static final int MAX_DEPTH = 64;

    private FreeForm() {}

    static Map<String, Object> copyTable(Map<String, ?> table) {
        return copyTable(table, 0);
    }

    private static Map<String, Object> copyTable(Map<?, ?> table, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : table.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("Table keys must be strings, got " + e.getKey());
            }
            Object value = e.getValue();
            if (value == null) {
                throw new IllegalArgumentException("Null value for '" + e.getKey() + "': TOML has no null");
            }
            copy.put((String) e.getKey(), copy(value, depth + 1));
        }
        return Collections.unmodifiableMap(copy);
    }

    static Object copy(Object value) {
        return copy(value, 0);
    }

    private static Object copy(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof String
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof OffsetDateTime
                || value instanceof LocalDateTime
                || value instanceof LocalDate
                || value instanceof LocalTime) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            try {
                return ((BigInteger) value).longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Integer out of the 64-bit range: " + value, e);
            }
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Number not representable in JSON: " + value);
            }
            return d;
        }
        if (value instanceof Map) {
            return copyTable((Map<?, ?>) value, depth);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object element : (List<?>) value) {
                if (element == null) {
                    throw new IllegalArgumentException("Null array element: TOML has no null");
                }
                copy.add(copy(element, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(
                "Unsupported value type " + value.getClass().getName());
    }

    /** The value with date-times as strings, for JCS and JSON. */
    static Object jsonView(Object value) {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, jsonView(v)));
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(jsonView(v)));
            return out;
        }
        if (value instanceof OffsetDateTime
                || value instanceof LocalDateTime
                || value instanceof LocalDate
                || value instanceof LocalTime) {
            return TomlText.temporal(value);
        }
        return value;
    }
}
