package dev.llmring.lockfile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** TOML lexical forms: keys, strings, free-form values (inline). */
final class TomlText {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private TomlText() {}

    static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : string(key);
    }

    /** A TOML basic string: escapes quote, backslash and every control character (TOML forbids them raw). */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /** A free-form value inline: arrays as {@code [a, b]}, tables as {@code { k = v }}. */
    static void value(Object value, StringBuilder out) {
        if (value instanceof String) {
            out.append(string((String) value));
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double) {
            out.append(Double.toString((Double) value)); // always has '.' or 'E': stays a TOML float
        } else if (value instanceof List) {
            out.append('[');
            String sep = "";
            for (Object element : (List<?>) value) {
                out.append(sep);
                value(element, out);
                sep = ", ";
            }
            out.append(']');
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{ ");
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(sep).append(key((String) e.getKey())).append(" = ");
                value(e.getValue(), out);
                sep = ", ";
            }
            out.append(" }");
        } else {
            out.append(temporal(value));
        }
    }

    /** TOML / ISO 8601 form of a date-time value (seconds always present, as TOML requires). */
    static String temporal(Object value) {
        if (value instanceof OffsetDateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);
        }
        if (value instanceof LocalDateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value);
        }
        if (value instanceof LocalDate) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format((LocalDate) value);
        }
        if (value instanceof LocalTime) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) value);
        }
        throw new IllegalArgumentException(
                "Unsupported value type " + value.getClass().getName());
    }
}
