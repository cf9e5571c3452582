package dev.llmring.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to Redis and whether to use them. Every command is bounded by the timeout (Lettuce's command and
 * connect timeouts; commands fail at once while disconnected). A failure marks Redis down: one WARN, and every call
 * uses the local fallback without asking Redis; after a backoff (1 s, doubling to 30 s) one call at a time tries
 * Redis again, and a success brings it back (one INFO).
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(30);

    private final ClientResources resources;
    private final RedisClient client;
    private final Clock clock;
    private final String where;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile @Nullable StatefulRedisConnection<String, byte[]> bytes;
    private volatile @Nullable StatefulRedisConnection<String, String> strings;
    private volatile boolean down;
    private volatile Instant nextTry = Instant.MIN;
    private volatile Duration backoff = FIRST_BACKOFF;

    RedisLink(RedisURI uri, Duration timeout, Clock clock) {
        // Lettuce reconnects in the background; at most a second apart, so that Redis is found again soon after it
        // returns (its default backs off to 30 s).
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(
                        Duration.ofMillis(100), Duration.ofSeconds(1), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        this.clock = clock;
        this.where = uri.getHost() + ":" + uri.getPort();
        try {
            connect();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void connect() {
        if (bytes == null) bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        if (strings == null) strings = client.connect(StringCodec.UTF8);
    }

    /** The byte-valued connection Bucket4j uses; connects if it can (bounded by the timeout). */
    StatefulRedisConnection<String, byte[]> bytes() {
        connect();
        return java.util.Objects.requireNonNull(bytes);
    }

    StatefulRedisConnection<String, String> strings() {
        connect();
        return java.util.Objects.requireNonNull(strings);
    }

    /**
     * {@code redis} when Redis is up (or due for a retry), else {@code local}; a Redis failure marks it down and
     * answers with {@code local}.
     */
    <T> T call(Supplier<T> redis, Supplier<T> local) {
        if (!use()) return local.get();
        try {
            T t = redis.get();
            up();
            return t;
        } catch (RuntimeException e) {
            fail(e);
            return local.get();
        } finally {
            probing.set(false);
        }
    }

    /** As {@link #call(Supplier, Supplier)}, mapping a Redis-side answer. */
    <T, R> R call(Supplier<T> redis, Function<T, R> then, Supplier<R> local) {
        return call(() -> then.apply(redis.get()), local);
    }

    /** The limiter's clock (the backoff, and the ends of periods, are on it). */
    Clock clock() {
        return clock;
    }

    boolean isDown() {
        return down;
    }

    private boolean use() {
        if (!down) return true;
        return !clock.instant().isBefore(nextTry) && probing.compareAndSet(false, true);
    }

    private void up() {
        if (down) {
            down = false;
            backoff = FIRST_BACKOFF;
            LOG.info("Redis at {} is back: limits and spend are shared again", where);
        }
    }

    private void fail(RuntimeException e) {
        if (!down) {
            LOG.warn(
                    "Redis at {} is unreachable ({}); falling back to local limits divided among the instances"
                            + " until it is back",
                    where,
                    e.getClass().getSimpleName());
        } else {
            backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
        }
        down = true;
        nextTry = clock.instant().plus(backoff);
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> b = bytes;
        StatefulRedisConnection<String, String> s = strings;
        if (b != null) b.close();
        if (s != null) s.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
