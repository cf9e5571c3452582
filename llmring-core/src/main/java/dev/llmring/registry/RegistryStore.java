package dev.llmring.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where registry documents come from, in order: memory, the disk cache, the source. Current documents are fresh for
 * the TTL; snapshots are immutable and kept forever. When a refresh of current data fails and a stale copy exists, the
 * stale copy is served, the first time with a warning, and the source is not asked again for a while
 * ({@link #RETRY_AFTER_FAILURE}, at most the TTL) so that an offline process does not pay a timeout on every call.
 */
final class RegistryStore {
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

    private record Key(String provider, @Nullable Integer version) {}

    private record Loaded(RegistryDocument doc, Instant fetchedAt) {}

    private final RegistrySource source;
    private final @Nullable DiskCache disk;
    private final Clock clock;
    private final Duration ttl;
    private final boolean offline;
    private final Consumer<String> warn;
    private final Map<Key, Loaded> memory = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();
    private final Map<Key, Object> diskLocks = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    RegistryStore(
            RegistrySource source,
            @Nullable DiskCache disk,
            Clock clock,
            Duration ttl,
            boolean offline,
            Consumer<String> warn) {
        this.source = source;
        this.disk = disk;
        this.clock = clock;
        this.ttl = ttl;
        this.offline = offline;
        this.warn = warn;
    }

    /**
     * The provider's current document (or snapshot {@code version}) from memory or the disk cache, however old, never
     * from the source: what an offline registry would answer. It never waits for a fetch under way (a fetch holds
     * another lock than the disk read here), so a caller that must not wait on the network can ask it.
     *
     * @throws RegistryUnavailableException when neither memory nor the disk cache holds the document
     */
    RegistryDocument cached(String provider, @Nullable Integer version) {
        Key key = new Key(provider, version);
        Loaded mem = memory.get(key);
        if (mem != null && (version != null || isFresh(mem))) return mem.doc();
        synchronized (diskLocks.computeIfAbsent(key, k -> new Object())) {
            mem = memory.get(key);
            if (mem != null && (version != null || isFresh(mem))) return mem.doc();
            Loaded cached = newest(mem, fromDisk(key)); // another process may have refreshed the disk copy
            if (cached != null) return remember(key, cached).doc();
        }
        throw new RegistryUnavailableException(
                "registry has no cached " + (version == null ? "data" : "snapshot v" + version) + " for " + provider,
                provider,
                null);
    }

    /** The provider's current document (empty when the registry has no file for it). */
    RegistryDocument current(String provider) {
        Key key = new Key(provider, null);
        Loaded mem = memory.get(key);
        if (mem != null && (isFresh(mem) || inBackoff(provider))) return mem.doc();
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            mem = memory.get(key);
            if (mem != null && (isFresh(mem) || inBackoff(provider))) return mem.doc();
            Loaded cached = newest(mem, fromDisk(key)); // another process may have refreshed the disk copy
            if (cached != null && (isFresh(cached) || offline))
                return remember(key, cached).doc();
            if (offline) {
                throw new RegistryUnavailableException(
                        "registry is offline and has no cached data for " + provider, provider, null);
            }
            if (cached != null && inBackoff(provider))
                return remember(key, cached).doc();
            return refresh(key, cached);
        }
    }

    /** Whether a refresh of {@code provider} failed so recently that the source should not be asked yet. */
    private boolean inBackoff(String provider) {
        Instant failed = lastFailure.get(provider);
        return failed != null && clock.instant().isBefore(failed.plus(retryAfterFailure()));
    }

    /** The provider's immutable snapshot {@code version}. */
    RegistryDocument snapshot(String provider, int version) {
        Key key = new Key(provider, version);
        Loaded mem = memory.get(key);
        if (mem != null) return mem.doc();
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            mem = memory.get(key);
            if (mem != null) return mem.doc();
            Loaded cached = fromDisk(key);
            if (cached != null) return remember(key, cached).doc();
            if (offline) {
                throw new RegistryUnavailableException(
                        "registry is offline and has no cached snapshot v" + version + " for " + provider,
                        provider,
                        null);
            }
            byte[] body = source.fetch(provider, version);
            if (body == null) {
                throw new RegistryException(
                        "the registry has no version " + version + " for " + provider + " ("
                                + source.uri(provider, version) + ")",
                        provider);
            }
            Instant now = clock.instant();
            RegistryDocument doc = RegistryParser.parse(
                    body, provider, version, source.uri(provider, version).toString());
            if (disk != null) disk.write(provider, version, body, now);
            return remember(key, new Loaded(doc, now)).doc();
        }
    }

    private RegistryDocument refresh(Key key, @Nullable Loaded stale) {
        String provider = key.provider();
        Instant now = clock.instant();
        RegistryDocument doc;
        byte[] body;
        try {
            body = source.fetch(provider, null);
            if (body == null) {
                // the registry has no file for this provider (e.g. a local-only provider): cache "no models"
                body = ("{\"provider\":\"" + provider + "\",\"models\":{}}").getBytes(StandardCharsets.UTF_8);
            }
            doc = RegistryParser.parse(
                    body, provider, null, source.uri(provider, null).toString());
        } catch (RegistryException e) {
            if (stale == null) throw e;
            lastFailure.put(provider, now);
            if (warned.add(provider)) {
                warn.accept("registry data for " + provider + " could not be refreshed (" + e.getMessage()
                        + "); using the copy fetched at " + stale.fetchedAt() + " until a refresh succeeds");
            }
            return remember(key, stale).doc();
        }
        lastFailure.remove(provider);
        warned.remove(provider);
        if (disk != null) disk.write(provider, null, body, now);
        return remember(key, new Loaded(doc, now)).doc();
    }

    /**
     * Fetches {@code provider}'s current document now, whatever the age of the cached copy; on failure the cached
     * copy (if any) is served as usual.
     */
    RegistryDocument refreshNow(String provider) {
        Key key = new Key(provider, null);
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (offline) return current(provider);
            return refresh(key, newest(memory.get(key), fromDisk(key)));
        }
    }

    private static @Nullable Loaded newest(@Nullable Loaded a, @Nullable Loaded b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.fetchedAt().isAfter(a.fetchedAt()) ? b : a;
    }

    private @Nullable Loaded fromDisk(Key key) {
        if (disk == null) return null;
        Optional<DiskCache.Entry> entry = disk.read(key.provider(), key.version());
        if (entry.isEmpty()) return null;
        try {
            String src = disk.file(key.provider(), key.version()).toString();
            return new Loaded(
                    RegistryParser.parse(entry.get().body(), key.provider(), key.version(), src),
                    entry.get().fetchedAt());
        } catch (RegistryException e) {
            return null; // a cache file that does not parse is ignored and refetched
        }
    }

    /** Keeps {@code loaded} in memory unless a newer copy got there first (a fetch and a disk read may race). */
    private Loaded remember(Key key, Loaded loaded) {
        return memory.merge(key, loaded, (held, next) -> held.fetchedAt().isAfter(next.fetchedAt()) ? held : next);
    }

    private boolean isFresh(Loaded l) {
        Instant now = clock.instant();
        // a copy "fetched in the future" (clock moved back) counts as fresh only up to the TTL
        return !now.isBefore(l.fetchedAt())
                ? now.isBefore(l.fetchedAt().plus(ttl))
                : l.fetchedAt().isBefore(now.plus(ttl));
    }

    private Duration retryAfterFailure() {
        return ttl.compareTo(RETRY_AFTER_FAILURE) < 0 ? ttl : RETRY_AFTER_FAILURE;
    }
}
