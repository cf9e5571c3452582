package dev.llmring.registry;

import dev.llmring.internal.http.BoundedHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the LLMRing model registry: per provider, the models with their prices, limits and capabilities.
 *
 * <p>Data comes from {@code {baseUrl}/{provider}/models.json} (the current document, which carries a version number)
 * and {@code {baseUrl}/{provider}/v/{n}/models.json} (immutable snapshots, used when a lockfile profile pins
 * {@code registry_versions}). The library ships no registry data.
 *
 * <p>Caching: documents are kept in memory and in a disk cache shared by every process of the user
 * ({@code $XDG_CACHE_HOME/llmring/registry}, else {@code ~/.cache/llmring/registry}). Current data is fresh for the
 * TTL (24 hours by default); snapshots are kept forever. When the TTL has passed and the registry cannot be reached,
 * the stale copy is served and a warning is logged once. A registry is thread-safe, holds no resources that need
 * closing, and never deletes the shared cache.
 *
 * <p>Security: remote data is fetched over {@code https} only, follows no redirect, and every fetch is bounded in time
 * and size. A {@code file:} base URL reads a local directory laid out like the registry (for air-gapped use); it is
 * read directly and not copied into the disk cache.
 *
 * <pre>{@code
 * Registry registry = Registry.builder().build();
 * Optional<ModelInfo> sonnet = registry.model("anthropic", "claude-sonnet-4-5");   // alias or model name
 * }</pre>
 */
public final class Registry {
    /** The public LLMRing registry. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://llmring.github.io/registry");
    /** Environment variable overriding the base URL (the builder's {@link Builder#baseUrl} wins over it). */
    public static final String BASE_URL_ENV = "LLMRING_REGISTRY_URL";

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final RegistryStore store;
    private final URI baseUrl;
    private final boolean cachedOnly;

    private Registry(RegistryStore store, URI baseUrl, boolean cachedOnly) {
        this.store = store;
        this.baseUrl = baseUrl;
        this.cachedOnly = cachedOnly;
    }

    /** {@return a builder with the defaults: the public registry (or the environment's), disk cache, 24-hour TTL} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A view of this registry that answers only from what this registry holds in memory or in its disk cache, however
     * old, and never fetches: a lookup that needs the network fails with {@link RegistryUnavailableException} instead.
     * It shares this registry's memory, so a document this registry fetches (or that the view reads from disk) is
     * parsed and held once for both. It never waits for a fetch this registry has under way. For a caller that must
     * not block on the network while another thread keeps the data fresh.
     *
     * @return the cached-only view (this registry itself when it is already one)
     */
    public Registry cachedOnly() {
        return cachedOnly ? this : new Registry(store, baseUrl, true);
    }

    /** {@return the base URL in use, without a trailing slash} */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The model {@code modelOrAlias} of {@code provider}, looked up by model name or by any of its
     * {@code model_aliases} (an optional {@code provider:} prefix is ignored). The lookup is the same for current and
     * pinned data: exact name, then exact alias, then either case-insensitively.
     *
     * @param provider the registry provider name, e.g. {@code anthropic}
     * @param modelOrAlias the model's name or one of its aliases
     * @param pinnedVersion a snapshot version to read instead of the current data (a profile's
     *     {@code registry_versions} entry for the provider), or {@code null} for the current data
     * @return empty when the registry has no such model (or no data at all for the provider)
     * @throws RegistryException when the data cannot be obtained (see {@link #models(String)}), or the pinned
     *     snapshot does not exist
     * @throws IllegalArgumentException when the provider name is malformed or the version is not positive
     */
    public Optional<ModelInfo> model(String provider, String modelOrAlias, @Nullable Integer pinnedVersion) {
        RegistryNames.requireProvider(provider);
        Objects.requireNonNull(modelOrAlias, "modelOrAlias");
        RegistryDocument doc = pinnedVersion != null
                ? snapshot(provider, RegistryNames.requireVersion(pinnedVersion))
                : current(provider);
        return doc.find(modelOrAlias);
    }

    /**
     * The model {@code modelOrAlias} of {@code provider} in the current data.
     *
     * @param provider the registry provider name, e.g. {@code anthropic}
     * @param modelOrAlias the model's name or one of its aliases
     * @return empty when the registry has no such model (or no data at all for the provider)
     * @throws RegistryException when the data cannot be obtained
     * @throws IllegalArgumentException when the provider name is malformed
     * @see #model(String, String, Integer)
     */
    public Optional<ModelInfo> model(String provider, String modelOrAlias) {
        return model(provider, modelOrAlias, null);
    }

    /**
     * Every model of {@code provider} in the current data, in the registry's order; empty when the registry has no
     * data for the provider (HTTP 404, e.g. a local-only provider).
     *
     * @param provider the registry provider name, e.g. {@code openai}
     * @return the models, unmodifiable
     * @throws RegistryException when the registry cannot be reached (or refuses, redirects, times out, or sends more
     *     than the size cap) and no cached copy exists, or its document is malformed
     * @throws IllegalArgumentException when the provider name is malformed
     */
    public List<ModelInfo> models(String provider) {
        return current(RegistryNames.requireProvider(provider)).models();
    }

    /**
     * Every model of {@code provider} in snapshot {@code version}.
     *
     * @param provider the registry provider name, e.g. {@code openai}
     * @param version the snapshot version, positive
     * @return the snapshot's models in the registry's order, unmodifiable
     * @throws RegistryException when the snapshot does not exist or cannot be obtained
     * @throws IllegalArgumentException when the provider name is malformed or the version is not positive
     */
    public List<ModelInfo> models(String provider, int version) {
        return snapshot(RegistryNames.requireProvider(provider), RegistryNames.requireVersion(version))
                .models();
    }

    /**
     * The version number of {@code provider}'s current data (what a lockfile pins); {@code 0} when the registry has
     * no data for the provider or its document states no version.
     *
     * @param provider the registry provider name, e.g. {@code openai}
     * @return the current version, or {@code 0}
     * @throws RegistryException when the data cannot be obtained
     * @throws IllegalArgumentException when the provider name is malformed
     */
    public int currentVersion(String provider) {
        return current(RegistryNames.requireProvider(provider)).version();
    }

    /**
     * Fetches {@code provider}'s current data now, ignoring the TTL (for a CLI's {@code --refresh}). When the fetch
     * fails, a cached copy is kept and served as usual. A {@link #cachedOnly()} view fetches nothing: it only checks
     * that a cached copy exists.
     *
     * @param provider the registry provider name, e.g. {@code openai}
     * @throws RegistryException when the fetch fails and no cached copy exists
     * @throws IllegalArgumentException when the provider name is malformed
     */
    public void refresh(String provider) {
        String name = RegistryNames.requireProvider(provider);
        if (cachedOnly) {
            store.cached(name, null);
        } else {
            store.refreshNow(name);
        }
    }

    RegistryDocument current(String provider) {
        String name = RegistryNames.requireProvider(provider);
        return cachedOnly ? store.cached(name, null) : store.current(name);
    }

    RegistryDocument snapshot(String provider, int version) {
        String name = RegistryNames.requireProvider(provider);
        int v = RegistryNames.requireVersion(version);
        return cachedOnly ? store.cached(name, v) : store.snapshot(name, v);
    }

    @Override
    public String toString() {
        return "Registry[" + baseUrl + (cachedOnly ? ", cached only]" : "]");
    }

    /** Builds a {@link Registry}. Setters validate at once and name the bad value. */
    public static final class Builder {
        private @Nullable URI baseUrl;
        private @Nullable Path cacheDirectory;
        private boolean diskCache = true;
        private Duration ttl = Duration.ofHours(24);
        private Clock clock = Clock.systemUTC();
        private @Nullable HttpClient httpClient;
        private Duration timeout = Duration.ofSeconds(10);
        private long maxBytes = 8L * 1024 * 1024;
        private boolean offline;
        private boolean httpLoopback;
        private Function<String, @Nullable String> environment = System::getenv;
        private Consumer<String> warn = LOG::warn;

        private Builder() {}

        /**
         * The registry's base URL: {@code https://…}, or {@code file:/…} for a local copy. Default: the environment's
         * {@code LLMRING_REGISTRY_URL}, else {@link #DEFAULT_BASE_URL}.
         *
         * @param baseUrl the registry's root; a trailing slash is dropped
         * @return this builder
         * @throws IllegalArgumentException when the URL is not absolute, or is neither https, http nor file (http is
         *     checked again at {@link #build()}: only loopback, and only with {@link #allowHttpLoopbackForTesting()})
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = checkScheme(Objects.requireNonNull(baseUrl, "baseUrl"), "baseUrl");
            return this;
        }

        /**
         * As {@link #baseUrl(URI)}; an absolute path ({@code /srv/registry}) stands for its {@code file:} URL.
         *
         * @param baseUrl the registry's root as a URL or an absolute path
         * @return this builder
         * @throws IllegalArgumentException when the text is not a URL, or as {@link #baseUrl(URI)}
         */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            return baseUrl(parse(baseUrl, "baseUrl"));
        }

        /**
         * The disk cache's root directory; turns the disk cache back on after {@link #noDiskCache()}. Default:
         * {@code $XDG_CACHE_HOME/llmring/registry}, else {@code ~/.cache/llmring/registry}.
         *
         * @param directory the cache root, created when first written
         * @return this builder
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            this.diskCache = true;
            return this;
        }

        /**
         * Keeps data in memory only (for read-only file systems); the registry must then be reachable. Default: a
         * disk cache.
         *
         * @return this builder
         */
        public Builder noDiskCache() {
            this.diskCache = false;
            return this;
        }

        /**
         * How long fetched current data stays fresh. Default 24 hours. Snapshots never expire.
         *
         * @param ttl the freshness period
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder ttl(Duration ttl) {
            this.ttl = positive(ttl, "ttl");
            return this;
        }

        /**
         * The clock that ages cached data (tests pass a fixed or hand-advanced clock). Default: the system UTC
         * clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The HTTP client to fetch with. Default: a client of its own that follows no redirect.
         *
         * @param client a client whose redirect policy is {@link HttpClient.Redirect#NEVER}
         * @return this builder
         * @throws IllegalArgumentException when the client follows redirects
         */
        public Builder httpClient(HttpClient client) {
            Objects.requireNonNull(client, "client");
            if (client.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException(
                        "the registry's HTTP client must not follow redirects, this one follows "
                                + client.followRedirects());
            }
            this.httpClient = client;
            return this;
        }

        /**
         * The bound on one fetch, from request to the last byte. Default 10 seconds.
         *
         * @param timeout the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The largest document accepted. Default 8 MiB.
         *
         * @param maxBytes the cap in bytes
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxDocumentBytes(long maxBytes) {
            if (maxBytes <= 0) throw new IllegalArgumentException("maxDocumentBytes must be positive, was " + maxBytes);
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Never fetch: serve the disk cache whatever its age, and fail for data not in it. Default {@code false}.
         *
         * @param offline {@code true} to never fetch
         * @return this builder
         */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Allows a plain {@code http://} base URL whose host is a loopback literal ({@code 127.0.0.1} or
         * {@code [::1]}; not the name {@code localhost}). For tests against a local server only; never needed in
         * production.
         *
         * @return this builder
         */
        public Builder allowHttpLoopbackForTesting() {
            this.httpLoopback = true;
            return this;
        }

        /**
         * Where environment variables are read ({@code LLMRING_REGISTRY_URL}, {@code XDG_CACHE_HOME}). Default:
         * {@code System::getenv}.
         *
         * @param environment looks a variable up by name; returns {@code null} when it is unset
         * @return this builder
         */
        public Builder environment(Function<String, @Nullable String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Where the stale-data warning goes (tests capture it); default SLF4J WARN. */
        Builder warnings(Consumer<String> warn) {
            this.warn = Objects.requireNonNull(warn, "warn");
            return this;
        }

        /**
         * Builds the registry client; nothing is fetched until data is asked for.
         *
         * @return the registry
         * @throws IllegalArgumentException when the base URL (from the builder or {@code LLMRING_REGISTRY_URL}) is not
         *     allowed: http other than loopback with {@link #allowHttpLoopbackForTesting()}, or any other scheme
         */
        public Registry build() {
            URI base = baseUrl;
            if (base == null) {
                String env = environment.apply(BASE_URL_ENV);
                base = env == null || env.isBlank()
                        ? DEFAULT_BASE_URL
                        : checkScheme(parse(env.trim(), BASE_URL_ENV), BASE_URL_ENV);
            }
            String b = base.toString();
            while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
            base = URI.create(b);
            boolean loopbackHttp = BoundedHttp.isLoopbackHttp(base);
            if ("http".equals(base.getScheme()) && !(httpLoopback && loopbackHttp)) {
                throw new IllegalArgumentException("registry URL must be https, was " + base
                        + (loopbackHttp ? " (plain http to loopback needs allowHttpLoopbackForTesting())" : ""));
            }
            boolean local = "file".equals(base.getScheme());
            DiskCache disk = local || !diskCache ? null : new DiskCache(cacheRoot(), b);
            RegistrySource source = new RegistrySource(base, local ? null : httpClient, timeout, maxBytes);
            return new Registry(new RegistryStore(source, disk, clock, ttl, offline, warn), base, false);
        }

        private Path cacheRoot() {
            if (cacheDirectory != null) return cacheDirectory;
            String xdg = environment.apply("XDG_CACHE_HOME");
            Path root =
                    xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return root.resolve("llmring").resolve("registry");
        }

        private static URI parse(String url, String what) {
            if (url.startsWith("/")) return Path.of(url).toUri(); // an absolute directory path means file:
            try {
                return new URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(what + " is not a URL: '" + url + "'", e);
            }
        }

        private static URI checkScheme(URI url, String what) {
            String scheme = url.getScheme();
            if (!url.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme) || "file".equals(scheme))) {
                throw new IllegalArgumentException(what + " must be an https or file URL, was '" + url + "'");
            }
            if (!"file".equals(scheme)
                    && (url.getHost() == null
                            || url.getRawUserInfo() != null
                            || url.getRawQuery() != null
                            || url.getRawFragment() != null)) {
                throw new IllegalArgumentException(
                        what + " must be a plain https://host/path URL (no user info, query or fragment), was '"
                                + url.getScheme() + "://" + url.getHost() + "…'");
            }
            return url;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }
    }
}
