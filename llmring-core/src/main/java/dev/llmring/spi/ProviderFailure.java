package dev.llmring.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link ResponseDecoder} for an error or malformed content inside an answer. The core turns it into the
 * typed {@link dev.llmring.LlmRingException} its {@link ProviderError#kind() kind} maps to.
 */
public final class ProviderFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ProviderError error;

    /**
     * Creates the failure; its message is the error's {@code toString()}.
     *
     * @param error what the decoder understood
     * @param cause the underlying exception, or {@code null}
     */
    public ProviderFailure(ProviderError error, @Nullable Throwable cause) {
        super(Objects.requireNonNull(error, "error").toString(), cause);
        this.error = error;
    }

    /**
     * Creates the failure without a cause.
     *
     * @param error what the decoder understood
     */
    public ProviderFailure(ProviderError error) {
        this(error, null);
    }

    /**
     * A {@link ErrorKind#MALFORMED_RESPONSE} failure.
     *
     * @param message what could not be understood; no secrets
     * @param cause the parse error, or {@code null}
     * @return the failure, to throw
     */
    public static ProviderFailure malformed(String message, @Nullable Throwable cause) {
        return new ProviderFailure(ProviderError.of(ErrorKind.MALFORMED_RESPONSE, message), cause);
    }

    /** {@return the provider error this failure carries} */
    public ProviderError error() {
        return error;
    }
}
