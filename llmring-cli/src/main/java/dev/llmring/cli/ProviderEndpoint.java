package dev.llmring.cli;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A server declared on the command line ({@code --provider-endpoint NAME=PROTOCOL@URL}) or in
 * {@value #ENVIRONMENT}: a provider named NAME that speaks PROTOCOL (the name of a known adapter, such as
 * {@code openai}) at URL. Its key comes from {@code NAME_API_KEY}, as for the library's compatible providers.
 */
record ProviderEndpoint(String name, String protocol, URI baseUrl) {
    /** Comma-separated {@code NAME=PROTOCOL@URL} entries; a flag with the same NAME wins. */
    static final String ENVIRONMENT = "LLMRING_PROVIDER_ENDPOINTS";

    static final String FORM = "NAME=PROTOCOL@URL, such as local=openai@http://127.0.0.1:8000/v1";

    /**
     * Parses one declaration.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    static ProviderEndpoint parse(String text) {
        String t = text.strip();
        int eq = t.indexOf('=');
        int at = t.indexOf('@', Math.max(eq, 0));
        if (eq <= 0 || at < 0) throw bad(text, "expected " + FORM);
        String name = t.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String protocol = t.substring(eq + 1, at).strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9_-]*") || !protocol.matches("[a-z][a-z0-9_-]*")) {
            throw bad(text, "NAME and PROTOCOL are lower-case letters, digits, '_' or '-'");
        }
        URI url;
        try {
            url = URI.create(t.substring(at + 1).strip());
        } catch (IllegalArgumentException e) {
            throw bad(text, "not a URL: " + e.getMessage());
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw bad(text, "URL must be an absolute http or https URL");
        }
        return new ProviderEndpoint(name, protocol, url);
    }

    /** The environment's declarations, then the flags' (a flag replaces an environment entry of the same name). */
    static List<ProviderEndpoint> all(List<String> flags, Function<String, @Nullable String> environment) {
        Map<String, ProviderEndpoint> byName = new LinkedHashMap<>();
        String env = environment.apply(ENVIRONMENT);
        if (env != null) {
            for (String entry : env.split(",")) {
                if (entry.isBlank()) continue;
                try {
                    ProviderEndpoint e = parse(entry);
                    byName.put(e.name(), e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ENVIRONMENT + ": " + e.getMessage(), e);
                }
            }
        }
        for (String flag : flags) {
            ProviderEndpoint e = parse(flag);
            byName.put(e.name(), e);
        }
        return new ArrayList<>(byName.values());
    }

    /** The environment variable holding this server's key: {@code MY-LLM} -> {@code MY_LLM_API_KEY}. */
    String keyVariable() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
    }

    /** A factory under this name that creates {@code protocol}'s adapter pointed at the URL. */
    ProviderFactory factory(ProviderFactory protocolFactory) {
        ProviderEndpoint endpoint = this;
        return new ProviderFactory() {
            @Override
            public String name() {
                return endpoint.name();
            }

            @Override
            public List<String> apiKeyEnvironmentVariables() {
                return List.of(endpoint.keyVariable());
            }

            @Override
            public ProviderAdapter create(ProviderConfig config) {
                return protocolFactory.create(ProviderConfig.builder(config.name())
                        .apiKey(config.apiKey().orElse(null))
                        .baseUrl(config.baseUrl().orElse(endpoint.baseUrl()))
                        .options(config.options())
                        .environment(variable -> config.env(variable).orElse(null))
                        .build());
            }

            @Override
            public String toString() {
                return endpoint.toString();
            }
        };
    }

    @Override
    public String toString() {
        return name + "=" + protocol + "@" + baseUrl;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad provider endpoint '" + text.strip() + "': " + why);
    }

    static Optional<ProviderFactory> find(List<ProviderFactory> factories, String name) {
        return factories.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
