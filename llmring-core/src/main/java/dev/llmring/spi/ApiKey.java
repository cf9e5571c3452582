package dev.llmring.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An API key. Its {@link #toString()} never shows it; only {@link #reveal()} does, and only adapters call that, to
 * put the key in a request header.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a key.
     *
     * @param value the key as the provider issued it
     * @return the key, whose {@code toString()} hides it
     * @throws IllegalArgumentException when blank or containing whitespace or control characters
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("API key must not be blank");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("API key contains whitespace or a control character at " + i);
            }
        }
        return new ApiKey(value);
    }

    /** {@return the key itself; never log it} */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
