package dev.llmring.providers.openai;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creates the OpenAI Chat Completions adapter. Found by {@link java.util.ServiceLoader}; not an API type.
 *
 * <p>The base URL is, in order: the config's base URL; the environment variable {@code <NAME>_BASE_URL} of the
 * config's provider name ({@code OPENAI_BASE_URL} for {@code openai}, {@code GROQ_BASE_URL} for {@code groq});
 * {@code https://api.openai.com/v1} for {@code openai} only. Config options {@code organization} and {@code project}
 * (or, for {@code openai}, {@code OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID}) become the {@code OpenAI-Organization}
 * and {@code OpenAI-Project} headers.
 */
public final class OpenAiProviderFactory implements ProviderFactory {
    static final String NAME = "openai";
    static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    /** For {@link java.util.ServiceLoader}. */
    public OpenAiProviderFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> apiKeyEnvironmentVariables() {
        return List.of("OPENAI_API_KEY");
    }

    /** @throws IllegalArgumentException when no base URL can be found or the environment's one is malformed */
    @Override
    public ProviderAdapter create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        URI base = baseUrl(config);
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        String organization = setting(config, "organization", "OPENAI_ORG_ID");
        if (organization != null) extraHeaders.put("OpenAI-Organization", organization);
        String project = setting(config, "project", "OPENAI_PROJECT_ID");
        if (project != null) extraHeaders.put("OpenAI-Project", project);
        return new OpenAiAdapter(config.name(), base, config.apiKey().orElse(null), extraHeaders);
    }

    private static URI baseUrl(ProviderConfig config) {
        Optional<URI> configured = config.baseUrl();
        if (configured.isPresent()) return configured.get();
        String variable = config.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL";
        Optional<String> fromEnv = config.env(variable);
        if (fromEnv.isPresent()) return parseBaseUrl(fromEnv.get().trim(), variable);
        if (NAME.equals(config.name())) return DEFAULT_BASE_URL;
        throw new IllegalArgumentException("provider '" + config.name()
                + "' uses the OpenAI protocol but has no base URL: tried the provider config and " + variable);
    }

    private static URI parseBaseUrl(String value, String variable) {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute()
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be an absolute http(s) URL, was '" + value + "'");
    }

    /** The option, else (for OpenAI itself) the variable, trimmed; null when neither is set. */
    private static @Nullable String setting(ProviderConfig config, String option, String openAiVariable) {
        String value = config.options().get(option);
        if (value != null && !value.isBlank()) return value.trim();
        if (!NAME.equals(config.name())) return null;
        String fromEnv = config.env(openAiVariable).orElse(null);
        return fromEnv == null ? null : fromEnv.trim();
    }
}
