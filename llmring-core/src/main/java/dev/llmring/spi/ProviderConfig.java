package dev.llmring.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What an adapter is created with: the provider name it serves under, its API key (if any), a base URL overriding the
 * provider's default, free-form options, and a view of the environment (so tests can inject one).
 */
public final class ProviderConfig {
    private final String name;
    private final @Nullable ApiKey apiKey;
    private final @Nullable URI baseUrl;
    private final Map<String, String> options;
    private final Function<String, @Nullable String> environment;

    private ProviderConfig(Builder b) {
        this.name = b.name;
        this.apiKey = b.apiKey;
        this.baseUrl = b.baseUrl;
        this.options = Map.copyOf(b.options);
        this.environment = b.environment;
    }

    /**
     * A builder for an adapter serving under {@code name}.
     *
     * @param name the provider name, lower-case letters, digits, {@code _} and {@code -}, starting with a letter
     * @return a builder with no key, no base URL, no options and the process's environment
     * @throws IllegalArgumentException when the name is malformed
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return the provider name this adapter serves under, as written in lockfile references} */
    public String name() {
        return name;
    }

    /** {@return the API key; empty when none is configured} */
    public Optional<ApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** {@return a base URL replacing the provider's default (an OpenAI-compatible server, a proxy, a test server)} */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /** {@return free-form provider options by name, unmodifiable; empty when none} */
    public Map<String, String> options() {
        return options;
    }

    /**
     * Reads an environment variable through the client's environment (the process's, unless a test injects one).
     *
     * @param variable the variable's name
     * @return its value; empty when unset or blank
     */
    public Optional<String> env(String variable) {
        String value = environment.apply(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", apiKey=" + (apiKey == null ? "none" : "set") + ", baseUrl=" + baseUrl
                + ", options=" + options.keySet() + "]";
    }

    /** Builds a {@link ProviderConfig}. */
    public static final class Builder {
        private final String name;
        private @Nullable ApiKey apiKey;
        private @Nullable URI baseUrl;
        private Map<String, String> options = Map.of();
        private Function<String, @Nullable String> environment = System::getenv;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalArgumentException(
                        "provider name must be lower-case letters, digits, '_' or '-', was '" + name + "'");
            }
            this.name = name;
        }

        /**
         * Sets the API key; null (the default) for none.
         *
         * @param apiKey the key, or null
         * @return this builder
         */
        public Builder apiKey(@Nullable ApiKey apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets a base URL replacing the provider's default; null (the default) keeps the provider's.
         *
         * @param baseUrl an absolute http or https URL with a host, or null
         * @return this builder
         * @throws IllegalArgumentException unless an absolute http or https URL
         */
        public Builder baseUrl(@Nullable URI baseUrl) {
            if (baseUrl != null
                    && (!baseUrl.isAbsolute()
                            || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                            || baseUrl.getHost() == null)) {
                throw new IllegalArgumentException("base URL must be an absolute http(s) URL, was " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Replaces the free-form options; none by default.
         *
         * @param options option name to value, copied
         * @return this builder
         */
        public Builder options(Map<String, String> options) {
            this.options = Map.copyOf(options);
            return this;
        }

        /**
         * Sets where environment variables are read; {@code System::getenv} by default.
         *
         * @param environment looks a variable up by name; returns {@code null} when it is unset
         * @return this builder
         */
        public Builder environment(Function<String, @Nullable String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** {@return the config} */
        public ProviderConfig build() {
            return new ProviderConfig(this);
        }
    }
}
