package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How often and how patiently one binding is retried before the router fails over to the next one. Immutable; start
 * from {@link #defaults()} or {@link #none()}.
 *
 * <p>Only retryable failures are retried: connection failures, attempt timeouts, HTTP 408, 409, 429, 5xx and 529.
 * The delay before retry {@code n} (1-based) is "full jitter": a uniformly random duration in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}. When the provider asks for a delay ({@code retry-after-ms},
 * {@code Retry-After} as seconds or HTTP date, or a delay in the error body), that delay is used instead, unless it
 * exceeds {@link #maxRetryAfter()} or the time left before the call's deadline: then the router fails over at once
 * rather than sleeping.
 *
 * <p>These are the only retries: the JDK {@code HttpClient} never retries a {@code POST} by itself, so llmring's
 * retries are never stacked on another layer's.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = new Builder().build();
    private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.maxRetryAfter = b.maxRetryAfter;
    }

    /**
     * {@return the default policy: up to 3 attempts per binding, base delay 500 ms, max delay 8 s, provider-asked
     * delays honoured up to 60 s}
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy of one attempt per binding: failures go straight to the next binding} */
    public static RetryPolicy none() {
        return NONE;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this policy} */
    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .baseDelay(baseDelay)
                .maxDelay(maxDelay)
                .maxRetryAfter(maxRetryAfter);
    }

    /** {@return the attempts per binding, the first one included} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * {@return the ceiling of the first retry's jittered delay; each later retry doubles it, up to {@link #maxDelay()}}
     */
    public Duration baseDelay() {
        return baseDelay;
    }

    /** {@return the cap on a computed backoff delay} */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** {@return the longest provider-asked delay that is honoured by sleeping; a longer one means "fail over now"} */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The full-jitter delay before retry {@code retry} (1 = the first retry), for a uniform {@code random} in
     * {@code [0, 1)}.
     */
    Duration backoff(int retry, double random) {
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        long ceiling = base;
        for (int i = 1; i < retry && ceiling < cap; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        ceiling = Math.min(ceiling, cap);
        return Duration.ofNanos((long) (ceiling * random));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RetryPolicy p
                && p.maxAttempts == maxAttempts
                && p.baseDelay.equals(baseDelay)
                && p.maxDelay.equals(maxDelay)
                && p.maxRetryAfter.equals(maxRetryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, baseDelay, maxDelay, maxRetryAfter);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private Builder() {}

        /**
         * Sets the attempts per binding, the first one included (default 3; 1 means no retry).
         *
         * @param maxAttempts the attempts
         * @return this builder
         * @throws IllegalArgumentException unless 1 &le; maxAttempts &le; 100
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be in [1, 100], was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Sets the ceiling of the first retry's jittered delay (default 500 ms).
         *
         * @param baseDelay the delay
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = Timeouts.Builder.positive(baseDelay, "baseDelay");
            return this;
        }

        /**
         * Sets the cap on a computed backoff delay (default 8 s).
         *
         * @param maxDelay the cap
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = Timeouts.Builder.positive(maxDelay, "maxDelay");
            return this;
        }

        /**
         * Sets the longest provider-asked delay honoured by sleeping (default 60 s); a longer one fails over at once.
         *
         * @param maxRetryAfter the longest delay; {@code ZERO} never sleeps for a provider-asked delay
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + maxRetryAfter);
            }
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException when {@code maxDelay < baseDelay}
         */
        public RetryPolicy build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException(
                        "maxDelay (" + maxDelay + ") must not be shorter than baseDelay (" + baseDelay + ")");
            }
            return new RetryPolicy(this);
        }
    }
}
