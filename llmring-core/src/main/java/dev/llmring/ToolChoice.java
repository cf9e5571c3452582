package dev.llmring;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tools the model may call: {@link #AUTO} (the model decides), {@link #NONE}, {@link #REQUIRED}
 * (some tool must be called) or {@link #tool(String) one named tool}. Every adapter maps each of these faithfully
 * (Anthropic's {@code any} is {@code REQUIRED}), never silently to another.
 */
public final class ToolChoice {
    /** The model decides whether to call a tool (the default). */
    public static final ToolChoice AUTO = new ToolChoice("auto", null);
    /** The model must not call a tool. */
    public static final ToolChoice NONE = new ToolChoice("none", null);
    /** The model must call some tool, of its choosing. */
    public static final ToolChoice REQUIRED = new ToolChoice("required", null);

    private final String mode;
    private final @Nullable String toolName;

    private ToolChoice(String mode, @Nullable String toolName) {
        this.mode = mode;
        this.toolName = toolName;
    }

    /**
     * The model must call the tool named {@code name}.
     *
     * @param name the tool's name; must be among the request's tools
     * @return the choice
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public static ToolChoice tool(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("tool name must not be blank");
        return new ToolChoice("tool", name);
    }

    /** {@return {@code auto}, {@code none}, {@code required} or {@code tool}} */
    public String mode() {
        return mode;
    }

    /** {@return the tool's name when {@link #mode()} is {@code tool}} */
    public Optional<String> toolName() {
        return Optional.ofNullable(toolName);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ToolChoice c && c.mode.equals(mode) && Objects.equals(c.toolName, toolName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, toolName);
    }

    @Override
    public String toString() {
        return toolName == null ? mode : "tool(" + toolName + ")";
    }
}
