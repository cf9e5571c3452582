package dev.llmring.registry;

import org.jspecify.annotations.Nullable;

/**
 * The registry could not be reached and no usable cached copy exists: the fetch failed to connect, timed out, was
 * interrupted or answered an HTTP error other than 404, or the registry is offline with nothing cached. Unlike the
 * other {@link RegistryException}s, this says nothing about the data itself: a later try, the disk cache, or a local
 * copy ({@code LLMRING_REGISTRY_URL} naming a {@code file:} directory) may serve.
 */
public class RegistryUnavailableException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the URL tried
     * @param provider the provider whose data was wanted
     * @param cause the underlying failure, or null
     */
    public RegistryUnavailableException(String message, String provider, @Nullable Throwable cause) {
        super(message, provider, cause);
    }
}
