package dev.llmring.internal.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The string-shaped types: their schema ({@code format} or a description) and their parsers, shared by the
 * validator's format checks and the binder, so that what validates also binds.
 */
final class StringFormats {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Parsers by JSON Schema format; each throws a RuntimeException on a bad text. */
    static final Map<String, Function<String, ?>> FORMATS = Map.of(
            "date-time", s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            "date", LocalDate::parse,
            "time", OffsetTime::parse,
            "duration", Duration::parse,
            "uuid", StringFormats::uuid);

    /** Parsers by Java type, for binding. */
    static final Map<Class<?>, Function<String, ?>> PARSERS = Map.of(
            Instant.class,
                    s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant(),
            OffsetDateTime.class, s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            ZonedDateTime.class, s -> ZonedDateTime.parse(s, DateTimeFormatter.ISO_ZONED_DATE_TIME),
            LocalDate.class, LocalDate::parse,
            OffsetTime.class, OffsetTime::parse,
            Duration.class, Duration::parse,
            LocalDateTime.class, LocalDateTime::parse,
            LocalTime.class, LocalTime::parse,
            UUID.class, StringFormats::uuid);

    private StringFormats() {}

    /** The schema of a string-shaped type, or {@code null} when {@code type} is not one. */
    static @Nullable ObjectNode schemaFor(Class<?> type) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("type", "string");
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return s.put("format", "date-time");
        }
        if (type == LocalDate.class) return s.put("format", "date");
        if (type == OffsetTime.class) return s.put("format", "time");
        if (type == Duration.class) return s.put("format", "duration");
        if (type == UUID.class) return s.put("format", "uuid");
        if (type == LocalDateTime.class) {
            return s.put("description", "ISO-8601 local date-time without offset, e.g. 2025-01-31T13:45:00");
        }
        if (type == LocalTime.class) return s.put("description", "ISO-8601 local time, e.g. 13:45:00");
        return null;
    }

    private static UUID uuid(String s) {
        if (!UUID_TEXT.matcher(s).matches()) throw new IllegalArgumentException("not a UUID");
        return UUID.fromString(s);
    }
}
