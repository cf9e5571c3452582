package dev.llmring;

import dev.llmring.internal.fetch.SafeFetcher;
import dev.llmring.limits.ConstraintKeys;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.lockfile.Discovery;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileNotFoundException;
import dev.llmring.receipts.ServerClient;
import dev.llmring.receipts.UsageRecord;
import dev.llmring.registry.ModelPolicy;
import dev.llmring.registry.Registry;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ProviderFactory;
import java.math.BigDecimal;
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
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mutable state behind {@link LlmRing.Builder}, and the assembly of a client from it. */
final class RingConfig {
    private static final Logger LOG = LoggerFactory.getLogger(RingConfig.class);
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED_UNENFORCED =
            new java.util.concurrent.atomic.AtomicBoolean();

    @Nullable
    String profile;

    final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();
    final Map<String, URI> baseUrls = new LinkedHashMap<>();
    final Map<String, ProviderFactory> factories = new LinkedHashMap<>();
    final Map<String, Providers.Compatible> compatibles = new LinkedHashMap<>();
    boolean discoverProviders = true;
    /** The default of {@link LlmRing.Builder#maxResponseBytes}: 8 MiB. */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    /** Null: the defaults, with LLMRing's environment variables applied ({@link RingEnvironment}). */
    @Nullable
    Timeouts timeouts;

    int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    Network network = Network.DEFAULT;
    RetryPolicy retry = RetryPolicy.defaults();
    CircuitBreakerPolicy breaker = CircuitBreakerPolicy.defaults();
    final List<LlmRingListener> listeners = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    Function<String, @Nullable String> environment = System::getenv;

    @Nullable
    Path lockfilePath;

    @Nullable
    Lockfile lockfile;

    @Nullable
    PoolResolver resolver;

    @Nullable
    RemoteUrlPolicy remoteUrls;

    @Nullable
    MediaFetcher fetcher;

    @Nullable
    Registry registry;

    boolean registryOff;

    @Nullable
    ModelPolicy modelPolicy;

    @Nullable
    BigDecimal maxCostPerCall;

    final Map<String, BigDecimal> maxCostPerAlias = new LinkedHashMap<>();

    @Nullable
    Boolean strictPricing;

    boolean enforceContextWindow = true;

    @Nullable
    ServerClient server;

    boolean serverFromEnvironment;

    @Nullable
    Consumer<UsageRecord> usageSink;

    @Nullable
    Preflight preflight;

    @Nullable
    ContextWindows windows;

    @Nullable
    AfterResponse afterResponse;

    @Nullable
    LimiterFactory limits;

    private @Nullable DefaultRegistry defaultRegistry;
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
        c.maxResponseBytes = maxResponseBytes;
        c.network = network;
        c.retry = retry;
        c.breaker = breaker;
        c.listeners.addAll(listeners);
        c.clock = clock;
        c.sleeper = sleeper;
        c.environment = environment;
        c.lockfilePath = lockfilePath;
        c.lockfile = lockfile;
        c.resolver = resolver;
        c.remoteUrls = remoteUrls;
        c.fetcher = fetcher;
        c.registry = registry;
        c.registryOff = registryOff;
        c.modelPolicy = modelPolicy;
        c.maxCostPerCall = maxCostPerCall;
        c.maxCostPerAlias.putAll(maxCostPerAlias);
        c.strictPricing = strictPricing;
        c.enforceContextWindow = enforceContextWindow;
        c.defaultRegistry = defaultRegistry;
        c.server = server;
        c.serverFromEnvironment = serverFromEnvironment;
        c.usageSink = usageSink;
        c.preflight = preflight;
        c.windows = windows;
        c.afterResponse = afterResponse;
        c.limits = limits;
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

    static BigDecimal dollars(BigDecimal usd) {
        Objects.requireNonNull(usd, "usd");
        if (usd.signum() < 0) throw new IllegalArgumentException("a cost limit must not be negative, was " + usd);
        return usd;
    }

    static URI httpUrl(URI url) {
        Objects.requireNonNull(url, "baseUrl");
        if (!url.isAbsolute()
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http(s) URL, was " + url);
        }
        return url;
    }

    LlmRing build() {
        // what the builder left unset comes from LLMRing's environment variables
        Network network = this.network.checked();
        RingEnvironment fromEnv = new RingEnvironment(environment);
        Timeouts timeouts = fromEnv.timeouts(this.timeouts);
        RemoteUrlPolicy remoteUrls = fromEnv.remoteUrls(this.remoteUrls);
        boolean strictPricing = fromEnv.strictPricing(this.strictPricing);
        Map<String, ProviderFactory> all = new LinkedHashMap<>();
        if (discoverProviders) {
            for (ProviderFactory f : discovered()) all.putIfAbsent(f.name(), f);
        }
        all.putAll(factories);
        Providers providers = Providers.create(all, List.copyOf(compatibles.values()), apiKeys, baseUrls, environment);
        Lockfile lf = lockfile;
        PoolResolver pools;
        if (resolver != null) {
            pools = resolver;
        } else {
            String missing = "no lockfile configured";
            if (lf == null) {
                try {
                    lf = Lockfile.discover(Discovery.builder()
                            .explicitPath(lockfilePath)
                            .environment(environment)
                            .build());
                } catch (LockfileNotFoundException e) {
                    String named = environment.apply(Discovery.PATH_VARIABLE);
                    if (lockfilePath != null || (named != null && !named.isBlank())) throw e;
                    missing = e.getMessage();
                    LOG.debug("no lockfile: {}", missing);
                }
            }
            pools = lf == null
                    ? PoolResolver.direct(profileName(), missing)
                    : new LockfileResolver(lf, lf.profile(profile, environment));
        }
        RemoteMedia media = new RemoteMedia(
                SafeFetcher.enabled(remoteUrls, environment),
                remoteUrls.inlineAlways(),
                fetcher != null ? fetcher : new OnDemandFetcher(remoteUrls, environment));
        RegistryPreflight.validate(pools.lockfileProfile());
        ModelLookup lookup = lookup();
        if (lookup != null) prepare(lookup, pools.lockfileProfile());
        LimitGate gate = new LimitGate(limiter(pools.lockfileProfile()), lookup, pools);
        RegistryHooks hooks = lookup == null ? null : new RegistryHooks(lookup, pools);
        Preflight checks = preflight != null
                ? preflight
                : new RegistryPreflight(
                        lookup, policies(), maxCostPerCall, maxCostPerAlias, strictPricing, enforceContextWindow);
        ContextWindows sizes = windows != null ? windows : hooks != null ? hooks : ContextWindows.UNKNOWN;
        AfterResponse after = afterResponse != null ? afterResponse : hooks != null ? hooks : AfterResponse.NONE;
        ServerClient owned = null;
        Consumer<UsageRecord> sink = usageSink;
        if (sink == null && server != null) sink = server::logUsage;
        if (sink == null && serverFromEnvironment) {
            owned = ServerClient.fromEnvironment(environment).orElse(null); // last thing that may fail
            if (owned != null) sink = owned::logUsage;
        }
        Shared s = shared;
        if (s == null || !s.fits(timeouts.connect(), network) || !s.retain())
            s = new Shared(timeouts.connect(), network);
        List<LlmRingListener> notified = new ArrayList<>(listeners);
        if (sink != null) notified.add(new UsageLogger(sink, pools.lockDigest()));
        Router.Settings settings = new Router.Settings(
                providers,
                pools,
                timeouts,
                retry,
                clock,
                sleeper,
                random,
                Listeners.of(notified),
                media,
                checks,
                sizes,
                after,
                new Failures(providers.redactor(), clock),
                gate);
        Router router = new Router(
                settings,
                new Transport(s::http, s::plain, s.timer, maxResponseBytes),
                new CircuitBreakers(breaker, clock),
                s.callIds);
        LOG.debug("llmring client built: profile {}, providers {}", pools.profile(), providers.names());
        RingConfig frozen = copyFor(null);
        if (lf != null) {
            frozen.lockfile = lf; // derived clients use the lockfile this one read, not a second discovery
            frozen.lockfilePath = null;
        }
        return new LlmRing(frozen, s, router, new Planner(settings, lookup), owned);
    }

    /**
     * The limiter: from the builder's factory, else from the one a limits module provides ({@link ServiceLoader}),
     * else none, with one WARN when the lockfile declares limits that nothing enforces.
     */
    private Limiter limiter(dev.llmring.lockfile.@Nullable Profile profile) {
        LimiterFactory factory = limits;
        if (factory == null) {
            try {
                factory = ServiceLoader.load(LimiterFactory.class).findFirst().orElse(null);
            } catch (ServiceConfigurationError e) {
                LOG.debug("limits discovery failed: {}", e.toString());
            }
        }
        if (factory != null) return factory.create(new LimiterFactory.Context(profile, clock));
        if (profile != null
                && profile.bindings().stream()
                        .anyMatch(b -> b.constraints().keySet().stream().anyMatch(ConstraintKeys.ALL::contains))
                && !WARNED_UNENFORCED.getAndSet(true)) {
            LOG.warn(
                    "the lockfile profile '{}' declares rate or spend limits, but no limits module is present to"
                            + " enforce them (add dev.llmring:llmring-limits); see docs/limits.md",
                    profile.name());
        }
        return Limiter.NONE;
    }

    /** The default registry, kept for derived clients with the same environment and clock. */
    private record DefaultRegistry(ModelLookup lookup, Function<String, @Nullable String> environment, Clock clock) {}

    /** The registry the router reads: none, the configured one, or the default one in the background. */
    private @Nullable ModelLookup lookup() {
        if (registryOff) return null;
        if (registry != null) return ModelLookup.of(registry);
        DefaultRegistry d = defaultRegistry;
        if (d == null || d.environment() != environment || d.clock() != clock) {
            d = new DefaultRegistry(BackgroundRegistry.create(environment, clock), environment, clock);
            defaultRegistry = d;
        }
        return d.lookup();
    }

    /** Asks {@code lookup} to read ahead the registry documents the profile's bindings will look up. */
    private static void prepare(ModelLookup lookup, dev.llmring.lockfile.@Nullable Profile profile) {
        if (profile == null) return;
        java.util.Set<String> providers = new java.util.LinkedHashSet<>();
        for (dev.llmring.lockfile.Binding b : profile.bindings()) {
            for (dev.llmring.lockfile.ModelRef m : b.models()) providers.add(m.provider());
        }
        for (String p : providers) lookup.prepare(p, profile.registryVersions().get(p));
    }

    /** The builder's model policy and the environment's ({@code LLMRING_ALLOWED_MODELS}, ...): both must permit. */
    private List<ModelPolicy> policies() {
        List<ModelPolicy> all = new ArrayList<>();
        if (modelPolicy != null) all.add(modelPolicy);
        if (environment.apply(ModelPolicy.ALLOWED_ENV) != null || environment.apply(ModelPolicy.DENIED_ENV) != null) {
            all.add(ModelPolicy.builder().environment(environment).build());
        }
        return all;
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
