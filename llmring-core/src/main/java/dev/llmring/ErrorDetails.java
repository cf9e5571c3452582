package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What is known about where and how a call failed: the provider and model, the HTTP status, the provider's request
 * id and error code, and how long the provider asked us to wait. Immutable; build it with the {@code with*} methods
 * starting from {@link #none()}.
 */
public final class ErrorDetails {
    private static final ErrorDetails NONE = new ErrorDetails(null, null, 0, null, null, null);

    private final @Nullable String provider;
    private final @Nullable String model;
    private final int status;
    private final @Nullable String requestId;
    private final @Nullable String providerCode;
    private final @Nullable Duration retryAfter;

    private ErrorDetails(
            @Nullable String provider,
            @Nullable String model,
            int status,
            @Nullable String requestId,
            @Nullable String providerCode,
            @Nullable Duration retryAfter) {
        this.provider = provider;
        this.model = model;
        this.status = status;
        this.requestId = requestId;
        this.providerCode = providerCode;
        this.retryAfter = retryAfter;
    }

    /** {@return details that say nothing yet} */
    public static ErrorDetails none() {
        return NONE;
    }

    /**
     * Details naming the provider and model of a binding.
     *
     * @param provider the provider, e.g. {@code openai}
     * @param model the model as the binding names it
     * @return details with only provider and model set
     */
    public static ErrorDetails of(String provider, String model) {
        return NONE.withProvider(provider).withModel(model);
    }

    /**
     * A copy naming {@code provider}.
     *
     * @param provider the provider, or {@code null} to clear it
     * @return the changed copy
     */
    public ErrorDetails withProvider(@Nullable String provider) {
        return new ErrorDetails(provider, model, status, requestId, providerCode, retryAfter);
    }

    /**
     * A copy naming {@code model}.
     *
     * @param model the model, or {@code null} to clear it
     * @return the changed copy
     */
    public ErrorDetails withModel(@Nullable String model) {
        return new ErrorDetails(provider, model, status, requestId, providerCode, retryAfter);
    }

    /**
     * A copy with the HTTP status.
     *
     * @param status the HTTP status, or 0 for none
     * @return the changed copy
     * @throws IllegalArgumentException when {@code status} is neither 0 (none) nor an HTTP status (100..999)
     */
    public ErrorDetails withStatus(int status) {
        if (status != 0 && (status < 100 || status > 999)) {
            throw new IllegalArgumentException("status must be 0 or an HTTP status, was " + status);
        }
        return new ErrorDetails(provider, model, status, requestId, providerCode, retryAfter);
    }

    /**
     * A copy with the provider's request id.
     *
     * @param requestId the id, or {@code null} to clear it
     * @return the changed copy
     */
    public ErrorDetails withRequestId(@Nullable String requestId) {
        return new ErrorDetails(provider, model, status, requestId, providerCode, retryAfter);
    }

    /**
     * A copy with the provider's own error type or code.
     *
     * @param providerCode the code, e.g. {@code overloaded_error}, or {@code null} to clear it
     * @return the changed copy
     */
    public ErrorDetails withProviderCode(@Nullable String providerCode) {
        return new ErrorDetails(provider, model, status, requestId, providerCode, retryAfter);
    }

    /**
     * A copy with the wait the provider asked for before a retry.
     *
     * @param retryAfter the wait, or {@code null} when the provider asked for none
     * @return the changed copy
     * @throws IllegalArgumentException when {@code retryAfter} is negative
     */
    public ErrorDetails withRetryAfter(@Nullable Duration retryAfter) {
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        return new ErrorDetails(provider, model, status, requestId, providerCode, retryAfter);
    }

    /** {@return the provider the call went to, when known} */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** {@return the model the call asked for, when known} */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** {@return the HTTP status, or 0 when the failure had none (connection failure, timeout, malformed stream)} */
    public int status() {
        return status;
    }

    /** {@return the provider's id for the request, when it sent one} */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * {@return the provider's own error type or code, e.g. {@code overloaded_error} or {@code context_length_exceeded}}
     */
    public Optional<String> providerCode() {
        return Optional.ofNullable(providerCode);
    }

    /**
     * {@return how long the provider asked to wait before a retry ({@code Retry-After}, {@code retry-after-ms}), when it did}
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ErrorDetails d
                && status == d.status
                && Objects.equals(provider, d.provider)
                && Objects.equals(model, d.model)
                && Objects.equals(requestId, d.requestId)
                && Objects.equals(providerCode, d.providerCode)
                && Objects.equals(retryAfter, d.retryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, model, status, requestId, providerCode, retryAfter);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ErrorDetails{");
        if (provider != null) sb.append("provider=").append(provider).append(", ");
        if (model != null) sb.append("model=").append(model).append(", ");
        if (status != 0) sb.append("status=").append(status).append(", ");
        if (requestId != null) sb.append("requestId=").append(requestId).append(", ");
        if (providerCode != null)
            sb.append("providerCode=").append(providerCode).append(", ");
        if (retryAfter != null) sb.append("retryAfter=").append(retryAfter).append(", ");
        if (sb.charAt(sb.length() - 1) == ' ') sb.setLength(sb.length() - 2);
        return sb.append('}').toString();
    }
}
