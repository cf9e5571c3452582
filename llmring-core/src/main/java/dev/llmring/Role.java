package dev.llmring;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The author of a message. A small value type rather than an enum, so that a role a server adds later survives. */
public final class Role {
    public static final Role SYSTEM = new Role("system");
    public static final Role USER = new Role("user");
    public static final Role ASSISTANT = new Role("assistant");
    public static final Role TOOL = new Role("tool");

    private final String value;

    private Role(String value) {
        this.value = value;
    }

    /** The role named {@code value} (case-insensitive); known roles return their constant. */
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
