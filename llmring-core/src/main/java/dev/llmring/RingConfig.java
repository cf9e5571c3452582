package dev.llmring;

import dev.llmring.spi.ApiKey;
import dev.llmring.lockfile.Discovery;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileNotFoundException;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mutable state behind {@link LlmRing.Builder}, and the assembly of a client from it. */
final class RingConfig {
    private static final Logger LOG = LoggerFactory.getLogger(RingConfig.class);

    @Nullable String profile;
    final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();
    final Map<String, URI> baseUrls = new LinkedHashMap<>();
    final Map<String, ProviderFactory> factories = new LinkedHashMap<>();
    final Map<String, Providers.Compatible> compatibles = new LinkedHashMap<>();
    boolean discoverProviders = true;
    Timeouts timeouts = Timeouts.defaults();
    RetryPolicy retry = RetryPolicy.defaults();
    CircuitBreakerPolicy breaker = CircuitBreakerPolicy.defaults();
    final List<LlmRingListener> listeners = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    Function<String, @Nullable String> environment = System::getenv;
    @Nullable Path lockfilePath;
    @Nullable Lockfile lockfile;
    @Nullable PoolResolver resolver;
    MediaResolver media = MediaResolver.REFUSE;
    Preflight preflight = Preflight.ALLOW;
    ContextWindows windows = ContextWindows.UNKNOWN;
    AfterResponse afterResponse = AfterResponse.NONE;
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private @Nullable List<ProviderFactory> discovered;
    private @Nullable Shared shared;

    /** A copy, to share {@code shared}'s HttpClient when built (null: a fresh one). */
    RingConfig copyFor(@Nullable Shared shared) {
        RingConfig c = new RingConfig();
        c.profile = profile;
        c.apiKeys.putAll(apiKeys);
        c.baseUrls.putAll(baseUrls);
        c.factories.putAll(factories);
        c.compatibles.putAll(compatibles);
        c.discoverProviders = discoverProviders;
        c.timeouts = timeouts;
        c.retry = retry;
        c.breaker = breaker;
        c.listeners.addAll(listeners);
        c.clock = clock;
        c.sleeper = sleeper;
        c.environment = environment;
        c.lockfilePath = lockfilePath;
        c.lockfile = lockfile;
        c.resolver = resolver;
        c.media = media;
        c.preflight = preflight;
        c.windows = windows;
        c.afterResponse = afterResponse;
        c.random = random;
        c.discovered = discovered;
        c.shared = shared;
        return c;
    }

    static String providerName(String name) {
        Objects.requireNonNull(name, "provider");
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "provider name must be lower-case letters, digits, '_' or '-', was '" + name + "'");
        }
        return name;
    }

    static URI httpUrl(URI url) {
        Objects.requireNonNull(url, "baseUrl");
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http(s) URL, was " + url);
        }
        return url;
    }

    LlmRing build() {
        Map<String, ProviderFactory> all = new LinkedHashMap<>();
        if (discoverProviders) discovered().forEach(f -> all.putIfAbsent(f.name(), f));
        all.putAll(factories);
        Providers providers = Providers.create(
                all, List.copyOf(compatibles.values()), apiKeys, baseUrls, environment);
        Lockfile lf = lockfile;
        PoolResolver pools;
        if (resolver != null) {
            pools = resolver;
        } else {
            String missing = "no lockfile configured";
            if (lf == null) {
                try {
                    lf = Lockfile.discover(Discovery.builder().explicitPath(lockfilePath).environment(environment)
                            .build());
                } catch (LockfileNotFoundException e) {
                    String named = environment.apply(Discovery.PATH_VARIABLE);
                    if (lockfilePath != null || (named != null && !named.isBlank())) throw e;
                    missing = e.getMessage();
                    LOG.debug("no lockfile: {}", missing);
                }
            }
            pools = lf == null ? PoolResolver.direct(profileName(), missing)
                    : new LockfileResolver(lf, lf.profile(profile, environment));
        }
        Shared s = shared;
        if (s == null || !s.connectTimeout.equals(timeouts.connect()) || !s.retain()) s = new Shared(timeouts.connect());
        Router.Settings settings = new Router.Settings(providers, pools, timeouts, retry, clock, sleeper, random,
                new Listeners(listeners), media, preflight, windows, afterResponse,
                new Failures(providers.redactor(), clock));
        Router router = new Router(settings, new Transport(s.http, s.plain, s.timer),
                new CircuitBreakers(breaker, clock), s.callIds);
        LOG.debug("llmring client built: profile {}, providers {}", pools.profile(), providers.names());
        RingConfig frozen = copyFor(null);
        if (lf != null) {
            frozen.lockfile = lf; // derived clients use the lockfile this one read, not a second discovery
            frozen.lockfilePath = null;
        }
        return new LlmRing(frozen, s, router);
    }

    private String profileName() {
        if (profile != null) return profile;
        String env = environment.apply(Discovery.PROFILE_VARIABLE);
        return env == null || env.isBlank() ? "default" : env.trim();
    }

    private List<ProviderFactory> discovered() {
        List<ProviderFactory> found = discovered;
        if (found != null) return found;
        found = new ArrayList<>();
        try {
            for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) found.add(f);
        } catch (ServiceConfigurationError e) {
            LOG.debug("provider discovery failed: {}", e.toString());
        }
        discovered = List.copyOf(found);
        return discovered;
    }
}
