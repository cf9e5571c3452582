package dev.llmring.limits.local.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bucket4j buckets in this process, on the client's clock (so tests move time), each shape divided by a count. */
public final class LocalBuckets implements TokenBuckets {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter meter;
    private final int divisor;

    /**
     * Buckets refilled by {@code clock}.
     *
     * @param clock the client's clock
     * @param divisor how many processes share the limits (1: this one alone)
     */
    public LocalBuckets(Clock clock, int divisor) {
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.divisor = divisor;
    }

    private Bucket bucket(String key, Spec spec) {
        return buckets.computeIfAbsent(key, k -> {
            Spec s = spec.dividedBy(divisor);
            return Bucket.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(s.capacity())
                            .refillGreedy(s.perMinute(), Duration.ofMinutes(1))
                            .build())
                    .withCustomTimePrecision(meter)
                    .build();
        });
    }

    @Override
    public long tryTake(String key, Spec spec, long n) {
        if (n <= 0) return 0;
        var probe = bucket(key, spec).tryConsumeAndReturnRemaining(n);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public void give(String key, Spec spec, long n) {
        if (n > 0) bucket(key, spec).addTokens(n);
    }

    @Override
    public void force(String key, Spec spec, long n) {
        if (n > 0) bucket(key, spec).consumeIgnoringRateLimits(n);
    }

    @Override
    public long available(String key, Spec spec) {
        return bucket(key, spec).getAvailableTokens();
    }
}
