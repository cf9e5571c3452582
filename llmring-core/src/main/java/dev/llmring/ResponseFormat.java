package dev.llmring;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The shape the answer must take: free {@link #TEXT}, any {@link #JSON_OBJECT}, or JSON matching a schema
 * ({@link #jsonSchema}). With a schema, adapters use the provider's native structured output where it has one and a
 * forced tool otherwise; the answer text is the JSON.
 */
public final class ResponseFormat {
    public static final ResponseFormat TEXT = new ResponseFormat("text", null, null, false);
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
     * @param strict ask the provider to enforce the schema exactly, where it can
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

    /** {@code text}, {@code json_object} or {@code json_schema}. */
    public String type() {
        return type;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The JSON Schema text, for {@code json_schema}. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

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
