package dev.llmring.redis;

import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.local.Limits;
import dev.llmring.limits.local.internal.Access;
import dev.llmring.limits.local.internal.LimitEngine;
import dev.llmring.limits.local.internal.LimitsSpec;
import dev.llmring.limits.local.internal.LocalBuckets;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link Limits} shared by every process that points at one Redis: the rate buckets (Bucket4j on Lettuce), the
 * concurrency slots (leases in a sorted set) and the spend ledger (reserved and settled atomically) live in Redis
 * under a key prefix. Every Redis command is bounded by the timeout; when Redis cannot be reached, the limits fall back to local
 * buckets and a local ledger holding {@code 1/instances} of each limit, with one WARN, and return to Redis once it
 * answers again (tried with a backoff, one call at a time, never blocking a call beyond the timeout).
 *
 * <pre>{@code
 * LlmRing ring = LlmRing.builder()
 *         .limits(RedisLimits.builder(URI.create("redis://cache.internal:6379"))
 *                 .limits(limits)          // rate limits and budgets, as for one process
 *                 .instances(4)            // how many processes share them, for the fallback
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class RedisLimits implements LimiterFactory {
    private final RedisURI uri;
    private final Limits limits;
    private final int instances;
    private final Duration timeout;
    private final String prefix;

    private RedisLimits(Builder b) {
        this.uri = b.uri;
        this.limits = b.limits;
        this.instances = b.instances;
        this.timeout = b.timeout;
        this.prefix = b.prefix;
    }

    /**
     * A builder for limits in the Redis at {@code uri} ({@code redis://host:port}, {@code rediss://} for TLS; a
     * password in the URI is never logged).
     *
     * @param uri the Redis
     * @return a new builder: no limits of its own (the lockfile's apply), 1 instance, 500 ms timeout, prefix
     *     {@code llmring:}
     * @throws IllegalArgumentException when the URI is not a Redis URI
     */
    public static Builder builder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            return new Builder(RedisURI.create(uri));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URI: " + uri.getScheme() + "://" + uri.getHost(), e);
        }
    }

    /**
     * A limiter with one connection pair to Redis (made now; if Redis is down, the limiter starts on the fallback).
     *
     * @param context the client's lockfile profile and clock
     * @return a new limiter; closing it closes its connections
     * @throws dev.llmring.lockfile.LockfileException when the lockfile's limits are malformed
     */
    @Override
    public Limiter create(Context context) {
        LimitsSpec spec = Access.spec(limits).mergedWith(context.profile().orElse(null));
        RedisURI u = RedisURI.builder(uri).withTimeout(timeout).build();
        RedisLink link = new RedisLink(u, timeout, context.clock());
        return new LimitEngine(
                spec,
                new RedisBuckets(link, prefix, timeout, new LocalBuckets(context.clock(), instances)),
                new RedisSlots(link, prefix, instances),
                new RedisLedger(link, prefix, instances),
                context.clock(),
                link);
    }

    @Override
    public String toString() {
        return "RedisLimits[" + uri.getHost() + ":" + uri.getPort() + ", prefix=" + prefix + ", instances=" + instances
                + ", timeout=" + timeout.toMillis() + "ms]";
    }

    /** Builds {@link RedisLimits}; setters validate at once. */
    public static final class Builder {
        private final RedisURI uri;
        private Limits limits = Limits.builder().build();
        private int instances = 1;
        private Duration timeout = Duration.ofMillis(500);
        private String prefix = "llmring:";

        private Builder(RedisURI uri) {
            this.uri = uri;
        }

        /**
         * The limits and budgets (default: the lockfile's only). A ledger set on them is not used: Redis is.
         *
         * @param limits the limits, declared as for one process
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How many processes share these limits: while Redis is down each one keeps to {@code 1/instances} of every
         * limit and budget. Default 1.
         *
         * @param instances the number of processes
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder instances(int instances) {
            if (instances < 1) throw new IllegalArgumentException("instances must be positive, was " + instances);
            this.instances = instances;
            return this;
        }

        /**
         * The most any Redis command (and a connect) may take before the call falls back. Default 500 ms.
         *
         * @param timeout the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The prefix of every key (default {@code llmring:}); processes share limits when they share it.
         *
         * @param prefix the prefix
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isBlank()) throw new IllegalArgumentException("keyPrefix must not be blank");
            this.prefix = prefix;
            return this;
        }

        /**
         * The factory; nothing connects until a client is built with it.
         *
         * @return a new, immutable factory
         */
        public RedisLimits build() {
            return new RedisLimits(this);
        }
    }
}
