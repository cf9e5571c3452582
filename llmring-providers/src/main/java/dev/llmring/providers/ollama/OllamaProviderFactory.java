package dev.llmring.providers.ollama;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Creates adapters for a local or remote Ollama server through its native API, named {@code ollama} in lockfile
 * references ({@code ollama:llama3.2}).
 *
 * <ul>
 *   <li>No API key.</li>
 *   <li>Host: the configured base URL, else {@code OLLAMA_BASE_URL} (the variable the Python project LLMRing reads),
 *       else {@code OLLAMA_HOST} (each {@code host}, {@code host:port} or a URL, as Ollama reads it), else
 *       {@code http://localhost:11434}.</li>
 *   <li>Images given by URL are fetched by llmring's safe fetcher and sent as base64; documents are refused.</li>
 * </ul>
 *
 * <p>Found by {@link java.util.ServiceLoader}; applications do not normally use this class directly.
 */
public final class OllamaProviderFactory implements ProviderFactory {

    /** For {@link java.util.ServiceLoader}. */
    public OllamaProviderFactory() {}

    @Override
    public String name() {
        return "ollama";
    }

    /** None: Ollama needs no key. */
    @Override
    public List<String> apiKeyEnvironmentVariables() {
        return List.of();
    }

    /**
     * @throws IllegalArgumentException when {@code OLLAMA_BASE_URL} or {@code OLLAMA_HOST} is set but not a usable
     *     host, naming the variable and its value
     */
    @Override
    public ProviderAdapter create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        URI base = config.baseUrl()
                .or(() -> config.env("OLLAMA_BASE_URL").map(v -> OllamaHost.parse("OLLAMA_BASE_URL", v)))
                .or(() -> config.env("OLLAMA_HOST").map(v -> OllamaHost.parse("OLLAMA_HOST", v)))
                .orElse(OllamaHost.DEFAULT);
        return new OllamaAdapter(config.name(), base);
    }
}
