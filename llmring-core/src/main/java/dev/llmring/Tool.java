package dev.llmring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A function the model may call: a name, a description and a JSON Schema (object) for its parameters. */
public final class Tool {
    private final String name;
    private final String description;
    private final String parametersSchema;

    private Tool(String name, String description, String parametersSchema) {
        this.name = name;
        this.description = description;
        this.parametersSchema = parametersSchema;
    }

    /**
     * A tool with its parameters' schema.
     *
     * @param name letters, digits, {@code _} and {@code -}, 1 to 64 characters (the strictest provider's rule)
     * @param description what the tool does and when to call it, for the model; may be empty
     * @param parametersSchemaJson a JSON Schema whose root is an object schema
     * @return the tool
     * @throws IllegalArgumentException when the name is not allowed or the schema is not a JSON object
     */
    public static Tool of(String name, String description, String parametersSchemaJson) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchemaJson, "parametersSchemaJson");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "tool name must be 1-64 letters, digits, '_' or '-', was '" + name + "'");
        }
        Json.requireObject(parametersSchemaJson, "parameters schema of tool '" + name + "'");
        return new Tool(name, description, parametersSchemaJson);
    }

    /** {@return the tool's name, unique within a request} */
    public String name() {
        return name;
    }

    /** {@return what the tool does, as told to the model; may be empty} */
    public String description() {
        return description;
    }

    /** {@return the parameters' JSON Schema, as JSON text} */
    public String parametersSchema() {
        return parametersSchema;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Tool t
                && t.name.equals(name)
                && t.description.equals(description)
                && t.parametersSchema.equals(parametersSchema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, parametersSchema);
    }

    @Override
    public String toString() {
        return "Tool[" + name + "]";
    }
}
