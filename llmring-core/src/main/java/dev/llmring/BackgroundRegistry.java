package dev.llmring;

import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default registry: the public one, read on the call path only from what is already cached (memory or the disk
 * cache shared with other processes), and fetched in the background. A call never waits on the registry's network,
 * except when strict pricing asks to wait for a fetch already under way.
 *
 * <p>{@code cached} is the {@link Registry#cachedOnly()} view of {@code online}: the same memory and disk cache, so a
 * document is parsed and held once, and a lookup through it never waits for a fetch under way. Every lookup
 * schedules a background check of the document it read ({@code online} fetches only when its copy is older than the
 * TTL): at most once an hour per document, or every five minutes while the document is missing. Lookups are
 * remembered for a minute, so that a stale disk copy is not parsed again on every call.
 */
final class BackgroundRegistry implements ModelLookup {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRegistry.class);
    static final Duration RECHECK = Duration.ofHours(1);
    static final Duration RETRY = Duration.ofMinutes(5);
    static final Duration REMEMBER = Duration.ofMinutes(1);
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REMEMBERED = 1024;

    private record Document(String provider, @Nullable Integer version) {}

    private record Lookup(String provider, String model, @Nullable Integer version) {}

    private record Remembered(Optional<ModelInfo> model, @Nullable RegistryException missing, Instant until) {}

    private final Registry cached;
    private final Registry online;
    private final Executor executor;
    private final Clock clock;
    private final Duration waitLimit;
    private final Map<Document, Instant> nextCheck = new ConcurrentHashMap<>();
    private final Map<Document, CompletableFuture<Void>> fetches = new ConcurrentHashMap<>();
    private final Map<Lookup, Remembered> remembered = new ConcurrentHashMap<>();

    /**
     * @param waitLimit how long a lookup that may wait waits for a fetch under way (the registry's fetch timeout)
     */
    BackgroundRegistry(Registry cached, Registry online, Executor executor, Clock clock, Duration waitLimit) {
        this.cached = cached;
        this.online = online;
        this.executor = executor;
        this.clock = clock;
        this.waitLimit = waitLimit;
    }

    /**
     * The default lookup for a client: the registry named by {@code LLMRING_REGISTRY_URL} (else the public one) with
     * its disk cache, in the background; a {@code file:} registry is local and read directly.
     *
     * @throws IllegalArgumentException when {@code LLMRING_REGISTRY_URL} is not an allowed registry URL
     */
    static ModelLookup create(Function<String, @Nullable String> environment, Clock clock) {
        Registry online = Registry.builder()
                .environment(environment)
                .clock(clock)
                .timeout(FETCH_TIMEOUT)
                .build();
        if ("file".equals(online.baseUrl().getScheme())) return ModelLookup.of(online);
        Registry cached = online.cachedOnly();
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "llmring-registry-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return new BackgroundRegistry(cached, online, executor, clock, FETCH_TIMEOUT);
    }

    /**
     * Reads the disk cache's copy of the document (parsed and indexed once, then held in memory) on the background
     * thread, so that the client's first lookup finds it in memory rather than parsing it on the caller's thread; a
     * lookup that comes while the read is under way waits for that read rather than doing it again. Nothing is fetched
     * here: the background check is scheduled by lookups, as before.
     */
    @Override
    public void prepare(String provider, @Nullable Integer pinned) {
        try {
            executor.execute(() -> {
                try {
                    if (pinned == null) {
                        cached.models(provider);
                    } else {
                        cached.models(provider, pinned);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("no cached registry data for {} yet: {}", provider, e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("registry read not scheduled: {}", e.toString());
        }
    }

    @Override
    public Optional<ModelInfo> model(String provider, String model, Optional<Integer> pinned, boolean wait) {
        Document doc = new Document(provider, pinned.orElse(null));
        Lookup key = new Lookup(provider, model, doc.version());
        Instant now = clock.instant();
        Remembered r = remembered.get(key);
        if (r == null || !now.isBefore(r.until())) {
            r = read(key, pinned, now);
        }
        if (r.missing() == null) {
            schedule(doc, now, RECHECK);
            return r.model();
        }
        CompletableFuture<Void> fetch = schedule(doc, now, RETRY);
        if (wait && fetch != null && awaited(fetch)) {
            remembered.remove(key);
            r = read(key, pinned, clock.instant());
            if (r.missing() == null) return r.model();
        }
        throw r.missing();
    }

    private Remembered read(Lookup key, Optional<Integer> pinned, Instant now) {
        Remembered r;
        try {
            r = new Remembered(
                    cached.model(key.provider(), key.model(), pinned.orElse(null)), null, now.plus(REMEMBER));
        } catch (RegistryException e) {
            r = new Remembered(
                    Optional.empty(),
                    new RegistryException(
                            "registry data for " + key.provider()
                                    + (key.version() == null ? "" : " v" + key.version())
                                    + " is not cached yet; it is being fetched"
                                    + " in the background",
                            key.provider(),
                            e),
                    now.plus(REMEMBER));
        }
        if (remembered.size() >= MAX_REMEMBERED) remembered.clear();
        remembered.put(key, r);
        return r;
    }

    /** Starts a background check of {@code doc} unless one is due later; returns the fetch under way, if any. */
    private @Nullable CompletableFuture<Void> schedule(Document doc, Instant now, Duration interval) {
        Instant due = nextCheck.get(doc);
        if (due != null && now.isBefore(due)) return fetches.get(doc);
        if (due == null
                ? nextCheck.putIfAbsent(doc, now.plus(interval)) != null
                : !nextCheck.replace(doc, due, now.plus(interval))) {
            return fetches.get(doc); // another thread scheduled it just now
        }
        CompletableFuture<Void> fetch = new CompletableFuture<>();
        fetches.put(doc, fetch);
        try {
            executor.execute(() -> fetch(doc, fetch));
        } catch (RuntimeException e) {
            fetch.completeExceptionally(e);
        }
        return fetch;
    }

    private void fetch(Document doc, CompletableFuture<Void> done) {
        try {
            if (doc.version() == null) {
                online.models(doc.provider());
            } else {
                online.models(doc.provider(), doc.version());
            }
            nextCheck.put(doc, clock.instant().plus(RECHECK));
            remembered.keySet().removeIf(k -> k.provider().equals(doc.provider()));
            done.complete(null);
        } catch (RuntimeException e) {
            LOG.debug("registry data for {} could not be fetched: {}", doc.provider(), e.toString());
            done.completeExceptionally(e);
        } finally {
            fetches.remove(doc, done);
        }
    }

    private boolean awaited(CompletableFuture<Void> fetch) {
        try {
            fetch.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "BackgroundRegistry[" + online.baseUrl() + "]";
    }
}
