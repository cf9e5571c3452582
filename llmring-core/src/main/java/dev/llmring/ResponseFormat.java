package dev.llmring;

import dev.llmring.internal.schema.TypeSchema;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The shape the answer must take: free {@link #TEXT}, any {@link #JSON_OBJECT}, or JSON matching a schema
 * ({@link #jsonSchema(String, String, boolean)}, or derived from a record with {@link #jsonSchema(Class)}). With a
 * schema, adapters use the provider's native structured output where it has one and a forced tool otherwise; the
 * answer text is the JSON.
 */
public final class ResponseFormat {
    /** Free text (the default). */
    public static final ResponseFormat TEXT = new ResponseFormat("text", null, null, false);
    /** Any JSON object, without a schema. */
    public static final ResponseFormat JSON_OBJECT = new ResponseFormat("json_object", null, null, false);

    private final String type;
    private final @Nullable String name;
    private final @Nullable String schema;
    private final boolean strict;

    private ResponseFormat(String type, @Nullable String name, @Nullable String schema, boolean strict) {
        this.type = type;
        this.name = name;
        this.schema = schema;
        this.strict = strict;
    }

    /**
     * JSON matching {@code schemaJson}.
     *
     * @param name letters, digits, {@code _} and {@code -}, 1 to 64 characters
     * @param schemaJson the JSON Schema, whose root must be a JSON object
     * @param strict ask the provider to enforce the schema exactly, where it can
     * @return the format
     * @throws IllegalArgumentException when the name is not allowed or the schema is not a JSON object
     */
    public static ResponseFormat jsonSchema(String name, String schemaJson, boolean strict) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schemaJson, "schemaJson");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "schema name must be 1-64 letters, digits, '_' or '-', was '" + name + "'");
        }
        Json.requireObject(schemaJson, "response schema '" + name + "'");
        return new ResponseFormat("json_schema", name, schemaJson, strict);
    }

    /**
     * JSON matching the schema derived from the record {@code type}, named after its simple name and strict unless
     * the type has a {@code Map} (which strict mode cannot express). Read the answer back with
     * {@link StructuredOutput#parse(ChatResponse, Class)}. The schema is derived once per class and cached.
     *
     * <p>Mapping: records become objects (properties in component order, all listed in {@code required},
     * {@code additionalProperties: false}); {@code String}, {@code boolean}, integral types and {@code BigInteger}
     * ({@code integer}), {@code float}, {@code double} and {@code BigDecimal} ({@code number}); enums (their
     * constants' names); {@code List}, {@code Set}, {@code Collection} and arrays ({@code array}); {@code Map<String,
     * T>} (an object with {@code additionalProperties}); {@code Instant}, {@code OffsetDateTime},
     * {@code ZonedDateTime} ({@code date-time}), {@code LocalDate} ({@code date}), {@code OffsetTime} ({@code time}),
     * {@code Duration} ({@code duration}), {@code UUID} ({@code uuid}), {@code LocalDateTime} and {@code LocalTime}
     * (strings). {@code Optional<T>} and types annotated {@code @Nullable} admit {@code null}
     * ({@code "type": ["string", "null"]}) and may be absent from the answer. A record that contains itself is
     * described once and referred to with {@code $ref}. Jackson annotations on the type are ignored.
     *
     * @param type the record type the answer must match
     * @return the format, with the derived schema
     * @throws IllegalArgumentException when {@code type} is not a record, or a component has a type with no JSON
     *     mapping (an interface, a non-record class, a generic record, a raw collection …), naming the component
     */
    public static ResponseFormat jsonSchema(Class<?> type) {
        TypeSchema schema = TypeSchema.of(Objects.requireNonNull(type, "type"));
        return new ResponseFormat("json_schema", schema.name(), schema.json(), schema.strictCompatible());
    }

    /** {@return {@code text}, {@code json_object} or {@code json_schema}} */
    public String type() {
        return type;
    }

    /** {@return the schema's name, for {@code json_schema}} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the JSON Schema text, for {@code json_schema}} */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** {@return whether the provider is asked to enforce the schema exactly; false unless {@code json_schema}} */
    public boolean strict() {
        return strict;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ResponseFormat f
                && f.type.equals(type)
                && f.strict == strict
                && Objects.equals(f.name, name)
                && Objects.equals(f.schema, schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, schema, strict);
    }

    @Override
    public String toString() {
        return name == null ? type : type + "(" + name + (strict ? ", strict" : "") + ")";
    }
}
