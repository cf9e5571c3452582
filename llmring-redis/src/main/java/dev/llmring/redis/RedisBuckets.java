package dev.llmring.redis;

import dev.llmring.limits.local.internal.LocalBuckets;
import dev.llmring.limits.local.internal.TokenBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis (Bucket4j's compare-and-swap proxies on Lettuce), shared by every process with the same key
 * prefix; while Redis is down, local buckets holding a share of each limit ({@code 1/instances}).
 */
final class RedisBuckets implements TokenBuckets {
    private final RedisLink link;
    private final String prefix;
    private final Duration timeout;
    private final TokenBuckets local;
    private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();
    private volatile @Nullable ProxyManager<String> manager;

    RedisBuckets(RedisLink link, String prefix, Duration timeout, LocalBuckets local) {
        this.link = link;
        this.prefix = prefix;
        this.timeout = timeout;
        this.local = local;
    }

    private BucketProxy proxy(String key, Spec spec) {
        ProxyManager<String> m = manager;
        if (m == null) {
            m = Bucket4jLettuce.casBasedBuilder(link.bytes())
                    .requestTimeout(timeout)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
            manager = m;
        }
        ProxyManager<String> pm = m;
        return proxies.computeIfAbsent(key, k -> pm.builder().build(prefix + k, () -> BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(spec.capacity())
                        .refillGreedy(spec.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build()));
    }

    @Override
    public long tryTake(String key, Spec spec, long n) {
        if (n <= 0) return 0;
        return link.call(
                () -> proxy(key, spec).tryConsumeAndReturnRemaining(n),
                p -> p.isConsumed() ? 0L : Math.max(1L, p.getNanosToWaitForRefill()),
                () -> local.tryTake(key, spec, n));
    }

    @Override
    public void give(String key, Spec spec, long n) {
        if (n <= 0) return;
        link.call(
                () -> {
                    proxy(key, spec).addTokens(n);
                    return null;
                },
                () -> {
                    local.give(key, spec, n);
                    return null;
                });
    }

    @Override
    public void force(String key, Spec spec, long n) {
        if (n <= 0) return;
        link.call(() -> proxy(key, spec).consumeIgnoringRateLimits(n), () -> {
            local.force(key, spec, n);
            return 0L;
        });
    }

    @Override
    public long available(String key, Spec spec) {
        return link.call(() -> proxy(key, spec).getAvailableTokens(), () -> local.available(key, spec));
    }
}
