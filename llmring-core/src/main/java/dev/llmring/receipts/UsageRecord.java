package dev.llmring.receipts;

import dev.llmring.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the server is told about one finished call: alias, profile, the binding that served it, tokens, cost,
 * latency and lockfile digest. It has no field for prompts or answers, so usage logging cannot leak them.
 *
 * <pre>{@code
 * UsageRecord record = UsageRecord.builder()
 *         .alias("summarizer").profile("prod")
 *         .provider("anthropic").model("claude-3-5-haiku")
 *         .usage(response.usage())
 *         .cost(new BigDecimal("0.000303"))        // or leave unset: the server prices it from the registry
 *         .latency(Duration.ofMillis(840))
 *         .lockDigest("sha256:...")
 *         .build();
 * }</pre>
 */
public final class UsageRecord {
    private final String alias;
    private final @Nullable String profile;
    private final String provider;
    private final String model;
    private final Usage usage;
    private final @Nullable BigDecimal cost;
    private final Duration latency;
    private final @Nullable String lockDigest;
    private final @Nullable String requestId;

    private UsageRecord(Builder b) {
        this.alias = required(b.alias, "alias");
        this.profile = b.profile;
        this.provider = required(b.provider, "provider");
        this.model = required(b.model, "model");
        this.usage = b.usage;
        this.cost = b.cost;
        this.latency = b.latency;
        this.lockDigest = b.lockDigest;
        this.requestId = b.requestId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String alias() {
        return alias;
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    /** The binding that served the call, {@code provider:model}. */
    public String binding() {
        return provider + ":" + model;
    }

    public Usage usage() {
        return usage;
    }

    /** The cost in USD; absent when it is not known (the server then prices the call itself). */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    public Duration latency() {
        return latency;
    }

    public Optional<String> lockDigest() {
        return Optional.ofNullable(lockDigest);
    }

    /** An id of the call on this side (sent as {@code id_at_origin}), when the caller has one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    @Override
    public String toString() {
        return "UsageRecord[" + alias + (profile == null ? "" : "@" + profile) + " -> " + binding() + ", " + usage
                + ", cost=" + (cost == null ? "?" : cost.toPlainString()) + ", latency=" + latency.toMillis() + "ms]";
    }

    private static String required(@Nullable String value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " is required");
        }
        return value;
    }

    /** Builds a {@link UsageRecord}; alias, provider and model are required. */
    public static final class Builder {
        private @Nullable String alias;
        private @Nullable String profile;
        private @Nullable String provider;
        private @Nullable String model;
        private Usage usage = Usage.ZERO;
        private @Nullable BigDecimal cost;
        private Duration latency = Duration.ZERO;
        private @Nullable String lockDigest;
        private @Nullable String requestId;

        private Builder() {}

        /** @throws IllegalArgumentException if empty */
        public Builder alias(String alias) {
            this.alias = nonEmpty(alias, "alias");
            return this;
        }

        /** The profile the call resolved under; null when unknown. */
        public Builder profile(@Nullable String profile) {
            this.profile = profile;
            return this;
        }

        /** @throws IllegalArgumentException if empty */
        public Builder provider(String provider) {
            this.provider = nonEmpty(provider, "provider");
            return this;
        }

        /** @throws IllegalArgumentException if empty */
        public Builder model(String model) {
            this.model = nonEmpty(model, "model");
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /**
         * The cost in USD, or null when unknown.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cost(@Nullable BigDecimal cost) {
            if (cost != null && cost.signum() < 0) {
                throw new IllegalArgumentException("cost must not be negative, was " + cost.toPlainString());
            }
            this.cost = cost;
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, was " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** The digest of the lockfile the call was routed by; null when there was none. */
        public Builder lockDigest(@Nullable String lockDigest) {
            this.lockDigest = lockDigest;
            return this;
        }

        /** An id of the call on this side; null for none. */
        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** @throws IllegalStateException if alias, provider or model was not set */
        public UsageRecord build() {
            return new UsageRecord(this);
        }

        private static String nonEmpty(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
