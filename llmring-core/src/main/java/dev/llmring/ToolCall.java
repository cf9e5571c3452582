package dev.llmring;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool call the model asked for: the call id (to answer with {@link Message#toolResult}), the tool name and the
 * arguments, as the JSON text the model produced and parsed into plain Java values (maps, lists, strings, numbers,
 * booleans, {@code null}s).
 */
public final class ToolCall {
    private final String id;
    private final String name;
    private final String argumentsJson;

    /**
     * A tool call; blank arguments mean {@code {}}. The text is kept as the model produced it, even if malformed.
     *
     * @param id the provider's id of the call, which the tool result must name
     * @param name the name of the tool called
     * @param argumentsJson the arguments as JSON object text; blank for none
     */
    public ToolCall(String id, String name, String argumentsJson) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        this.argumentsJson = argumentsJson.isBlank() ? "{}" : argumentsJson;
    }

    /** {@return the provider's id of the call, to answer with {@link Message#toolResult(String, String)}} */
    public String id() {
        return id;
    }

    /** {@return the name of the tool called} */
    public String name() {
        return name;
    }

    /** {@return the arguments as the JSON object text the model produced} */
    public String argumentsJson() {
        return argumentsJson;
    }

    /**
     * The arguments parsed: an unmodifiable map of plain Java values.
     *
     * @return the arguments by name
     * @throws StructuredOutputException when the model's arguments are not a JSON object (e.g. cut off by the output
     *     token limit)
     */
    public Map<String, @Nullable Object> arguments() {
        try {
            return Json.parseObject(argumentsJson, "arguments of tool call '" + name + "'");
        } catch (IllegalArgumentException e) {
            throw new StructuredOutputException(e.getMessage(), ErrorDetails.none(), e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ToolCall t
                && t.id.equals(id)
                && t.name.equals(name)
                && t.argumentsJson.equals(argumentsJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, argumentsJson);
    }

    @Override
    public String toString() {
        return "ToolCall[id=" + id + ", name=" + name + ", arguments=" + argumentsJson.length() + " chars]";
    }
}
