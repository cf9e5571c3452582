package dev.llmring;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The author of a message. A small value type rather than an enum, so that a role a server adds later survives. */
public final class Role {
    /** Instructions for the model ({@code system}). */
    public static final Role SYSTEM = new Role("system");
    /** The user ({@code user}). */
    public static final Role USER = new Role("user");
    /** The model ({@code assistant}). */
    public static final Role ASSISTANT = new Role("assistant");
    /** A tool's result, answering a tool call ({@code tool}). */
    public static final Role TOOL = new Role("tool");

    private final String value;

    private Role(String value) {
        this.value = value;
    }

    /**
     * The role named {@code value} (case-insensitive); known roles return their constant.
     *
     * @param value the role's name, e.g. {@code user}; trimmed and lower-cased
     * @return the role
     * @throws IllegalArgumentException when {@code value} is blank
     */
    public static Role of(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) throw new IllegalArgumentException("role must not be blank");
        return switch (v) {
            case "system" -> SYSTEM;
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            case "tool" -> TOOL;
            default -> new Role(v);
        };
    }

    /** {@return the role's lower-case name, e.g. {@code user}} */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Role r && r.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
