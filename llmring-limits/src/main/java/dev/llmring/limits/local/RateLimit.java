package dev.llmring.limits.local;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The limits of one scope (a binding, a provider key, an alias): requests per minute, tokens per minute, each a token
 * bucket with a burst (its capacity; by default a minute's worth), concurrent requests, and the longest a call may
 * wait for them when no other binding of its pool is left.
 *
 * <pre>{@code
 * RateLimit.builder().requestsPerMinute(500).tokensPerMinute(30_000).maxConcurrentRequests(8).build()
 * }</pre>
 */
public final class RateLimit {
    /** The default longest wait: as long as the call's deadline allows. */
    public static final Duration UNTIL_DEADLINE = Duration.ofDays(3650);

    private final long requestsPerMinute;
    private final long requestsBurst;
    private final long tokensPerMinute;
    private final long tokensBurst;
    private final int maxConcurrentRequests;
    private final Duration maxWait;

    private RateLimit(Builder b) {
        this.requestsPerMinute = b.requestsPerMinute;
        this.requestsBurst = b.requestsBurst;
        this.tokensPerMinute = b.tokensPerMinute;
        this.tokensBurst = b.tokensBurst;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.maxWait = b.maxWait;
    }

    /**
     * A builder with no limit set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this limit's values.
     *
     * @return a new builder; changing it leaves this limit as it is
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.requestsPerMinute = requestsPerMinute;
        b.requestsBurst = requestsBurst;
        b.tokensPerMinute = tokensPerMinute;
        b.tokensBurst = tokensBurst;
        b.maxConcurrentRequests = maxConcurrentRequests;
        b.maxWait = maxWait;
        return b;
    }

    /**
     * The steady request rate, if limited.
     *
     * @return requests per minute, or empty when requests are not limited
     */
    public OptionalLong requestsPerMinute() {
        return requestsPerMinute == 0 ? OptionalLong.empty() : OptionalLong.of(requestsPerMinute);
    }

    /**
     * The request bucket's capacity: the burst if set, else a minute's worth.
     *
     * @return requests; 0 when requests are not limited
     */
    public long requestsCapacity() {
        return requestsBurst > 0 ? requestsBurst : requestsPerMinute;
    }

    /**
     * The steady token rate, if limited.
     *
     * @return tokens per minute, or empty when tokens are not limited
     */
    public OptionalLong tokensPerMinute() {
        return tokensPerMinute == 0 ? OptionalLong.empty() : OptionalLong.of(tokensPerMinute);
    }

    /**
     * The token bucket's capacity: the burst if set, else a minute's worth.
     *
     * @return tokens; 0 when tokens are not limited
     */
    public long tokensCapacity() {
        return tokensBurst > 0 ? tokensBurst : tokensPerMinute;
    }

    /**
     * The most requests in flight at once, if limited.
     *
     * @return the number of slots, or empty when concurrency is not limited
     */
    public OptionalInt maxConcurrentRequests() {
        return maxConcurrentRequests == 0 ? OptionalInt.empty() : OptionalInt.of(maxConcurrentRequests);
    }

    /**
     * The longest a call waits for this limit when nothing else can serve it.
     *
     * @return the wait; {@link #UNTIL_DEADLINE} (the default) waits as long as the call's deadline allows, zero never
     *     waits
     */
    public Duration maxWait() {
        return maxWait;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimit r
                && requestsPerMinute == r.requestsPerMinute
                && requestsBurst == r.requestsBurst
                && tokensPerMinute == r.tokensPerMinute
                && tokensBurst == r.tokensBurst
                && maxConcurrentRequests == r.maxConcurrentRequests
                && maxWait.equals(r.maxWait);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                requestsPerMinute, requestsBurst, tokensPerMinute, tokensBurst, maxConcurrentRequests, maxWait);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RateLimit[");
        if (requestsPerMinute > 0)
            s.append("requests_per_minute=").append(requestsPerMinute).append(' ');
        if (requestsBurst > 0) s.append("requests_burst=").append(requestsBurst).append(' ');
        if (tokensPerMinute > 0)
            s.append("tokens_per_minute=").append(tokensPerMinute).append(' ');
        if (tokensBurst > 0) s.append("tokens_burst=").append(tokensBurst).append(' ');
        if (maxConcurrentRequests > 0)
            s.append("max_concurrent_requests=").append(maxConcurrentRequests).append(' ');
        if (!maxWait.equals(UNTIL_DEADLINE))
            s.append("max_wait_ms=").append(maxWait.toMillis()).append(' ');
        return s.toString().trim() + "]";
    }

    /** Builds a {@link RateLimit}; each setter validates at once. */
    public static final class Builder {
        private long requestsPerMinute;
        private long requestsBurst;
        private long tokensPerMinute;
        private long tokensBurst;
        private int maxConcurrentRequests;
        private Duration maxWait = UNTIL_DEADLINE;

        private Builder() {}

        /**
         * Requests per minute, refilled steadily. Default: not limited.
         *
         * @param n requests per minute
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder requestsPerMinute(long n) {
            requestsPerMinute = positive(n, "requestsPerMinute");
            return this;
        }

        /**
         * The most requests that may go at once (the bucket's capacity). Default: {@link #requestsPerMinute}.
         *
         * @param n requests
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder requestsBurst(long n) {
            requestsBurst = positive(n, "requestsBurst");
            return this;
        }

        /**
         * Tokens per minute (estimated input plus requested output, settled to the real usage). Default: not limited.
         *
         * @param n tokens per minute
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder tokensPerMinute(long n) {
            tokensPerMinute = positive(n, "tokensPerMinute");
            return this;
        }

        /**
         * The most tokens that may go at once (the bucket's capacity). Default: {@link #tokensPerMinute}.
         *
         * @param n tokens
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder tokensBurst(long n) {
            tokensBurst = positive(n, "tokensBurst");
            return this;
        }

        /**
         * Requests in flight at once (across processes with {@code llmring-redis}). Default: not limited.
         *
         * @param n concurrent requests
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxConcurrentRequests(int n) {
            maxConcurrentRequests = (int) positive(n, "maxConcurrentRequests");
            return this;
        }

        /**
         * The longest a call waits for this limit when no other binding can serve it; zero never waits. Default:
         * {@link #UNTIL_DEADLINE}.
         *
         * @param wait the longest wait
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) throw new IllegalArgumentException("maxWait must not be negative, was " + wait);
            maxWait = wait;
            return this;
        }

        /**
         * The limit.
         *
         * @return a new, immutable limit
         * @throws IllegalArgumentException when no limit is set, or a burst without its rate
         */
        public RateLimit build() {
            if (requestsPerMinute == 0 && tokensPerMinute == 0 && maxConcurrentRequests == 0) {
                throw new IllegalArgumentException(
                        "a rate limit needs requestsPerMinute, tokensPerMinute or maxConcurrentRequests");
            }
            if (requestsBurst > 0 && requestsPerMinute == 0) {
                throw new IllegalArgumentException("requestsBurst needs requestsPerMinute");
            }
            if (tokensBurst > 0 && tokensPerMinute == 0) {
                throw new IllegalArgumentException("tokensBurst needs tokensPerMinute");
            }
            return new RateLimit(this);
        }

        private static long positive(long n, String name) {
            if (n <= 0) throw new IllegalArgumentException(name + " must be positive, was " + n);
            return n;
        }
    }
}
