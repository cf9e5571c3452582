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

    public ProviderFailure(ProviderError error, @Nullable Throwable cause) {
        super(Objects.requireNonNull(error, "error").toString(), cause);
        this.error = error;
    }

    public ProviderFailure(ProviderError error) {
        this(error, null);
    }

    /** A {@link ErrorKind#MALFORMED_RESPONSE} failure. */
    public static ProviderFailure malformed(String message, @Nullable Throwable cause) {
        return new ProviderFailure(ProviderError.of(ErrorKind.MALFORMED_RESPONSE, message), cause);
    }

    public ProviderError error() {
        return error;
    }
}
