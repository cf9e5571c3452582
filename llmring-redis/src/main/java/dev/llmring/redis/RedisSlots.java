package dev.llmring.redis;

import dev.llmring.limits.local.internal.ConcurrencySlots;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Concurrency slots in Redis: a sorted set per scope of leases (holder id, expiry by the Redis server's clock), taken
 * by one Lua script that first drops expired leases. A holder that dies without giving its slot back loses it when
 * the lease ends ({@value #LEASE_MINUTES} minutes, longer than any call should hold one). While Redis is down, local
 * slots holding {@code 1/instances} of each limit.
 */
final class RedisSlots implements ConcurrencySlots {
    static final int LEASE_MINUTES = 10;
    private static final long LEASE_MS = Duration.ofMinutes(LEASE_MINUTES).toMillis();
    private static final String ACQUIRE = "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)\n"
            + "if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end\n"
            + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])\n"
            + "redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
            + "return 1\n";

    private final RedisLink link;
    private final String prefix;
    private final ConcurrencySlots local;

    RedisSlots(RedisLink link, String prefix, int instances) {
        this.link = link;
        this.prefix = prefix;
        this.local = ConcurrencySlots.local(instances);
    }

    @Override
    public @Nullable Runnable tryAcquire(String key, int max) {
        String id = UUID.randomUUID().toString();
        String k = prefix + key;
        return link.call(
                () -> {
                    Long got = link.strings()
                            .sync()
                            .eval(
                                    ACQUIRE,
                                    ScriptOutputType.INTEGER,
                                    new String[] {k},
                                    Integer.toString(max),
                                    Long.toString(LEASE_MS),
                                    id);
                    return got != null && got == 1L ? release(k, id) : null;
                },
                () -> local.tryAcquire(key, max));
    }

    private Runnable release(String key, String id) {
        return () -> link.call(() -> link.strings().sync().zrem(key, id), () -> 0L);
    }
}
