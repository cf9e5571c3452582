package dev.llmring.internal.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * The JSON Schema of a record type, generated once per class and cached for the life of the class (a
 * {@link ClassValue}), never per call.
 *
 * <p>The schema has OpenAI's strict-mode shape: every object lists all its properties in {@code required} and has
 * {@code additionalProperties: false}; a component that is {@code Optional} or {@code @Nullable} admits {@code null}
 * ({@code "type": ["string", "null"]}). A {@code Map} component cannot have that shape; its schema is then
 * {@linkplain #strictCompatible() not strict-compatible}. See {@link SchemaGenerator} for the type mapping.
 */
public final class TypeSchema {
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final ClassValue<TypeSchema> CACHE = new ClassValue<>() {
        @Override
        protected TypeSchema computeValue(Class<?> type) {
            return SchemaGenerator.generate(type);
        }
    };

    private final Class<?> type;
    private final String name;
    private final JsonNode node;
    private final String json;
    private final boolean strictCompatible;

    TypeSchema(Class<?> type, String name, JsonNode node, boolean strictCompatible) {
        this.type = type;
        this.name = name;
        this.node = node;
        this.strictCompatible = strictCompatible;
        try {
            this.json = WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema of " + type.getName(), e);
        }
    }

    /**
     * The schema of {@code type}, a record.
     *
     * @throws IllegalArgumentException when {@code type} is not a record or uses a type with no JSON mapping, naming
     *     the component's path and the type
     */
    public static TypeSchema of(Class<?> type) {
        return CACHE.get(Objects.requireNonNull(type, "type"));
    }

    public Class<?> type() {
        return type;
    }

    /** A schema name derived from the simple class name: letters, digits, {@code _} and {@code -}, at most 64. */
    public String name() {
        return name;
    }

    /** The schema as a tree. Shared: never modify it. */
    public JsonNode node() {
        return node;
    }

    /** The schema as compact JSON text. */
    public String json() {
        return json;
    }

    /** Whether the schema fits strict mode (false when a {@code Map} needs open {@code additionalProperties}). */
    public boolean strictCompatible() {
        return strictCompatible;
    }

    @Override
    public String toString() {
        return "TypeSchema[" + type.getName() + "]";
    }
}
