package dev.llmring.spi;

import java.util.List;

/** Creates a provider's adapter. Implementations are found with {@link java.util.ServiceLoader}. */
public interface ProviderFactory {

    /** {@return the provider's name as written in lockfile references ({@code openai} in {@code openai:gpt-4o})} */
    String name();

    /**
     * Environment variables that may hold the API key, in order of preference (e.g. {@code GEMINI_API_KEY},
     * {@code GOOGLE_API_KEY}). Empty for providers that need no key.
     *
     * @return the variable names, most preferred first
     */
    List<String> apiKeyEnvironmentVariables();

    /**
     * Creates an adapter for {@code config}. The config's {@linkplain ProviderConfig#name() name} may differ from
     * {@link #name()} when the same wire protocol serves another provider (an OpenAI-compatible server).
     *
     * @param config the name, key, base URL, options and environment the adapter is created with
     * @return the adapter
     * @throws IllegalArgumentException when the config is unusable (e.g. a malformed base URL), naming the value
     */
    ProviderAdapter create(ProviderConfig config);
}
