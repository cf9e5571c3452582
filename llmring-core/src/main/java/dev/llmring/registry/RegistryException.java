package dev.llmring.registry;

import dev.llmring.ErrorDetails;
import dev.llmring.LlmRingException;
import org.jspecify.annotations.Nullable;

/**
 * The registry's data could not be obtained: the fetch failed (or was refused) and no usable cached copy exists, the
 * document is malformed or too large, or a pinned snapshot version does not exist. {@link #provider()} names the
 * provider whose data was wanted.
 */
public class RegistryException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, for a person; must not contain secrets
     * @param provider the provider whose data was wanted
     * @param cause the underlying failure, or {@code null}
     */
    public RegistryException(String message, String provider, @Nullable Throwable cause) {
        super(message, ErrorDetails.none().withProvider(provider), cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed, for a person; must not contain secrets
     * @param provider the provider whose data was wanted
     */
    public RegistryException(String message, String provider) {
        this(message, provider, null);
    }
}
