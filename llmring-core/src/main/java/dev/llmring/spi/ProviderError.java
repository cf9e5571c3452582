package dev.llmring.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A provider failure as an adapter understood it: its {@link ErrorKind}, a message fit for an exception (never the
 * request, never a key), the provider's own error code, and a delay the provider asked for (from the body; the core
 * reads {@code Retry-After} and {@code retry-after-ms} headers itself).
 */
public final class ProviderError {
    private final ErrorKind kind;
    private final String message;
    private final @Nullable String providerCode;
    private final @Nullable Duration retryAfter;

    private ProviderError(
            ErrorKind kind, String message, @Nullable String providerCode, @Nullable Duration retryAfter) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = Objects.requireNonNull(message, "message");
        this.providerCode = providerCode;
        this.retryAfter = retryAfter;
    }

    /**
     * An error of {@code kind} without a provider code or delay.
     *
     * @param kind what kind of failure it is
     * @param message fit for an exception: never the request, never a key
     * @return the error
     */
    public static ProviderError of(ErrorKind kind, String message) {
        return new ProviderError(kind, message, null, null);
    }

    /**
     * The kind the HTTP status alone implies: 400/422 invalid, 401/403 authentication, 404 model not found, 408/409
     * and 5xx unavailable, 429 rate limited, 529 overloaded, other 4xx invalid, anything else malformed.
     *
     * @param status the HTTP status
     * @return the kind
     */
    public static ErrorKind kindForStatus(int status) {
        return switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401, 403 -> ErrorKind.AUTHENTICATION;
            case 404 -> ErrorKind.MODEL_NOT_FOUND;
            case 408, 409 -> ErrorKind.UNAVAILABLE;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 529 -> ErrorKind.OVERLOADED;
            default ->
                status >= 500 && status <= 599
                        ? ErrorKind.UNAVAILABLE
                        : status >= 400 && status <= 499 ? ErrorKind.INVALID_REQUEST : ErrorKind.MALFORMED_RESPONSE;
        };
    }

    /**
     * A copy with the provider's own error code.
     *
     * @param providerCode e.g. {@code rate_limit_exceeded}, or null for none
     * @return the copy
     */
    public ProviderError withProviderCode(@Nullable String providerCode) {
        return new ProviderError(kind, message, providerCode, retryAfter);
    }

    /**
     * A copy with a delay the provider asked for in the body.
     *
     * @param retryAfter the delay, or null for none
     * @return the copy
     */
    public ProviderError withRetryAfter(@Nullable Duration retryAfter) {
        return new ProviderError(kind, message, providerCode, retryAfter);
    }

    /** {@return what kind of failure it is} */
    public ErrorKind kind() {
        return kind;
    }

    /** {@return the message, fit for an exception} */
    public String message() {
        return message;
    }

    /** {@return the provider's own error code; empty when it gave none} */
    public Optional<String> providerCode() {
        return Optional.ofNullable(providerCode);
    }

    /** {@return the delay the provider asked for in the body; empty when none} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return kind + (providerCode == null ? "" : "(" + providerCode + ")") + ": " + message;
    }
}
