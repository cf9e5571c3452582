package dev.llmring;

import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers one client can call: an adapter per provider name, created from its factory on first use with its
 * key (builder, else the factory's environment variables) and base URL. A provider whose adapter could not be created stays known,
 * with the problem as the reason its bindings are skipped.
 */
final class Providers {
    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    /**
     * One provider: its adapter, or why it has none. The adapter is created on first use, at most once (a failure is
     * remembered as the problem), so a client pays only for the providers its calls reach; a key problem found in the
     * environment is known at build.
     */
    static final class Slot {
        private final String name;
        private final boolean hasKey;
        private final List<String> keyVariables;
        private final ProviderFactory factory;
        private final @Nullable ApiKey key;
        private final @Nullable URI baseUrl;
        private final Function<String, @Nullable String> environment;
        private @Nullable ProviderAdapter adapter;
        private @Nullable String problem;
        /** True once {@link #adapter} or {@link #problem} is final; written last, under the lock. */
        private volatile boolean settled;

        Slot(
                String name,
                ProviderFactory factory,
                @Nullable ApiKey key,
                @Nullable URI baseUrl,
                Function<String, @Nullable String> environment,
                @Nullable String problem,
                List<String> keyVariables) {
            this.name = name;
            this.factory = factory;
            this.key = key;
            this.baseUrl = baseUrl;
            this.environment = environment;
            this.hasKey = key != null;
            this.keyVariables = List.copyOf(keyVariables);
            if (problem != null) {
                this.problem = problem;
                LOG.debug("provider {} unusable: {}", name, problem);
                this.settled = true;
            }
        }

        String name() {
            return name;
        }

        boolean hasKey() {
            return hasKey;
        }

        List<String> keyVariables() {
            return keyVariables;
        }

        /** The adapter, created now if this is its first use; null when it cannot be created ({@link #problem}). */
        @Nullable
        ProviderAdapter adapter() {
            if (!settled) settle();
            return adapter;
        }

        /** Why the provider has no adapter, or null when it has one (created now if this is its first use). */
        @Nullable
        String problem() {
            if (!settled) settle();
            return problem;
        }

        private synchronized void settle() {
            if (settled) return;
            try {
                adapter = factory.create(ProviderConfig.builder(name)
                        .apiKey(key)
                        .baseUrl(baseUrl)
                        .environment(environment)
                        .build());
                LOG.debug(
                        "provider {} ready (API key {}, base URL {})",
                        name,
                        key == null ? "none" : "set",
                        baseUrl == null ? "default" : baseUrl);
            } catch (RuntimeException e) {
                problem = "provider '" + name + "' could not be configured: " + e.getMessage();
                LOG.debug("provider {} unusable: {}", name, problem);
            }
            settled = true;
        }
    }

    /** An OpenAI-compatible (or other same-protocol) server registered under its own name. */
    record Compatible(String name, String protocol, URI baseUrl) {}

    private final Map<String, Slot> slots;
    private final Redactor redactor;

    private Providers(Map<String, Slot> slots, List<String> secrets) {
        this.slots = Collections.unmodifiableMap(slots);
        this.redactor = new Redactor(secrets);
    }

    /**
     * @throws IllegalArgumentException when a compatible provider names a protocol no factory serves
     */
    static Providers create(
            Map<String, ProviderFactory> factories,
            List<Compatible> compatibles,
            Map<String, ApiKey> keys,
            Map<String, URI> baseUrls,
            Function<String, @Nullable String> environment) {
        Map<String, Slot> slots = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        for (ApiKey k : keys.values()) secrets.add(k.reveal());
        for (ProviderFactory f : factories.values()) {
            String name = f.name();
            slots.put(
                    name,
                    slot(f, name, f.apiKeyEnvironmentVariables(), keys, baseUrls.get(name), environment, secrets));
        }
        for (Compatible c : compatibles) {
            ProviderFactory f = factories.get(c.protocol());
            if (f == null) {
                throw new IllegalArgumentException("compatible provider '" + c.name() + "' speaks protocol '"
                        + c.protocol() + "', but no provider factory has that name (known: " + factories.keySet()
                        + ")");
            }
            slots.put(
                    c.name(),
                    slot(f, c.name(), List.of(keyVariable(c.name())), keys, c.baseUrl(), environment, secrets));
        }
        return new Providers(slots, secrets);
    }

    /** The environment variable holding the key of a compatible provider: {@code MY-LLM} -> {@code MY_LLM_API_KEY}. */
    static String keyVariable(String provider) {
        return provider.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
    }

    private static Slot slot(
            ProviderFactory factory,
            String name,
            List<String> keyVariables,
            Map<String, ApiKey> keys,
            @Nullable URI baseUrl,
            Function<String, @Nullable String> environment,
            List<String> secrets) {
        ApiKey key = keys.get(name);
        String problem = null;
        if (key == null) {
            for (String variable : keyVariables) {
                String value = environment.apply(variable);
                if (value == null || value.isBlank()) continue;
                try {
                    key = ApiKey.of(value.trim());
                    secrets.add(key.reveal());
                } catch (IllegalArgumentException e) {
                    problem = "the value of " + variable + " is not a usable API key (" + e.getMessage() + ")";
                }
                break;
            }
        }
        return new Slot(name, factory, key, baseUrl, environment, problem, keyVariables);
    }

    @Nullable
    Slot get(String name) {
        return slots.get(name);
    }

    Set<String> names() {
        return slots.keySet();
    }

    Redactor redactor() {
        return redactor;
    }

    /** Why a binding of {@code slot}'s provider cannot be called now, or null when it can. */
    static @Nullable String unusable(Slot slot) {
        if (slot.problem() != null) return slot.problem();
        ProviderAdapter adapter = slot.adapter();
        if (adapter != null && adapter.requiresApiKey() && !slot.hasKey()) {
            String where =
                    slot.keyVariables().isEmpty() ? "" : "set " + String.join(" or ", slot.keyVariables()) + ", or ";
            return "no API key for provider '" + slot.name() + "' (" + where + "call apiKey(\"" + slot.name()
                    + "\", ...) on the builder)";
        }
        return null;
    }
}
