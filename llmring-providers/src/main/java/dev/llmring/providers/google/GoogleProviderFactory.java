package dev.llmring.providers.google;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Creates adapters for Google Gemini through the Generative Language API, named {@code google} in lockfile
 * references ({@code google:gemini-2.5-flash}).
 *
 * <ul>
 *   <li>API key: {@code GEMINI_API_KEY}, else {@code GOOGLE_API_KEY}, else {@code GOOGLE_GEMINI_API_KEY} (as LLMRing reads them); sent in the {@code x-goog-api-key} header,
 *       never in the URL.</li>
 *   <li>Base URL: {@value #DEFAULT_BASE_URL}, unless the configuration gives another (a proxy, a test server).</li>
 *   <li>Media given by URL is fetched by llmring's safe fetcher and sent inline; Gemini never fetches it.</li>
 * </ul>
 *
 * <p>Found by {@link java.util.ServiceLoader}; applications do not normally use this class directly.
 */
public final class GoogleProviderFactory implements ProviderFactory {
    /** The provider name, also the {@link dev.llmring.ReasoningPart#provider()} of the parts Gemini produces. */
    static final String NAME = "google";

    /** The Generative Language API's base URL. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    /** For {@link java.util.ServiceLoader}. */
    public GoogleProviderFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> apiKeyEnvironmentVariables() {
        return List.of("GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_API_KEY");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        URI base = config.baseUrl().orElse(URI.create(DEFAULT_BASE_URL));
        return new GeminiAdapter(config.name(), base, config.apiKey().orElse(null));
    }
}
