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

    /** {@return an empty builder; alias, provider and model must be set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the lockfile alias the call was made through} */
    public String alias() {
        return alias;
    }

    /** {@return the profile the call resolved under; empty when unknown} */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /** {@return the provider that served the call} */
    public String provider() {
        return provider;
    }

    /** {@return the model that served the call, as the provider names it} */
    public String model() {
        return model;
    }

    /** {@return the binding that served the call, {@code provider:model}} */
    public String binding() {
        return provider + ":" + model;
    }

    /** {@return the tokens the call used; {@link Usage#ZERO} when not set} */
    public Usage usage() {
        return usage;
    }

    /** {@return the cost in USD; absent when it is not known (the server then prices the call itself)} */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    /** {@return how long the call took; zero when not set} */
    public Duration latency() {
        return latency;
    }

    /** {@return the digest of the lockfile the call was routed by; empty when there was none} */
    public Optional<String> lockDigest() {
        return Optional.ofNullable(lockDigest);
    }

    /** {@return an id of the call on this side (sent as {@code id_at_origin}), when the caller has one} */
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

        /**
         * Sets the alias the call was made through. Required.
         *
         * @param alias the lockfile alias
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder alias(String alias) {
            this.alias = nonEmpty(alias, "alias");
            return this;
        }

        /**
         * The profile the call resolved under; null (the default) when unknown.
         *
         * @param profile the profile name, or null
         * @return this builder
         */
        public Builder profile(@Nullable String profile) {
            this.profile = profile;
            return this;
        }

        /**
         * Sets the provider that served the call. Required.
         *
         * @param provider the provider name, e.g. {@code openai}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder provider(String provider) {
            this.provider = nonEmpty(provider, "provider");
            return this;
        }

        /**
         * Sets the model that served the call. Required.
         *
         * @param model the model name, without the provider prefix
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder model(String model) {
            this.model = nonEmpty(model, "model");
            return this;
        }

        /**
         * Sets the tokens the call used; {@link Usage#ZERO} by default.
         *
         * @param usage the call's usage
         * @return this builder
         */
        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /**
         * The cost in USD, or null (the default) when unknown: the server then prices the call itself.
         *
         * @param cost the cost in US dollars, or null
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder cost(@Nullable BigDecimal cost) {
            if (cost != null && cost.signum() < 0) {
                throw new IllegalArgumentException("cost must not be negative, was " + cost.toPlainString());
            }
            this.cost = cost;
            return this;
        }

        /**
         * Sets how long the call took; zero by default.
         *
         * @param latency the call's duration
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, was " + latency);
            }
            this.latency = latency;
            return this;
        }

        /**
         * The digest of the lockfile the call was routed by; null (the default) when there was none.
         *
         * @param lockDigest the digest, e.g. {@code sha256:…}, or null
         * @return this builder
         */
        public Builder lockDigest(@Nullable String lockDigest) {
            this.lockDigest = lockDigest;
            return this;
        }

        /**
         * An id of the call on this side, sent as {@code id_at_origin}; null (the default) for none.
         *
         * @param requestId the id, or null
         * @return this builder
         */
        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the record
         * @throws IllegalStateException if alias, provider or model was not set
         */
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
