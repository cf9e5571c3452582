package dev.llmring.limits;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One attempt a {@link Limiter} is asked to admit: the alias (the request's model string), the binding, the
 * request's tag, the estimated tokens, and the worst-case cost when the registry can price it.
 */
public final class LimitedAttempt {
    private final String alias;
    private final String provider;
    private final String model;
    private final @Nullable String tag;
    private final long estimatedInputTokens;
    private final @Nullable Integer maxOutputTokens;
    private final @Nullable BigDecimal worstCaseCost;
    /** {@link #binding()}, made when first asked for. */
    private @Nullable String binding;

    private LimitedAttempt(Builder b) {
        this.alias = b.alias;
        this.provider = b.provider;
        this.model = b.model;
        this.tag = b.tag;
        this.estimatedInputTokens = b.estimatedInputTokens;
        this.maxOutputTokens = b.maxOutputTokens;
        this.worstCaseCost = b.worstCaseCost;
    }

    /**
     * A builder for an attempt at {@code provider:model} on behalf of {@code alias}.
     *
     * @param alias the request's model string: an alias, {@code pkg:alias} or {@code provider:model}
     * @param provider the binding's provider
     * @param model the binding's model
     * @return a builder with no tag, no token estimate, no output limit and an unknown cost
     * @throws IllegalArgumentException when a name is blank
     */
    public static Builder builder(String alias, String provider, String model) {
        return new Builder(nonBlank(alias, "alias"), nonBlank(provider, "provider"), nonBlank(model, "model"));
    }

    /** {@return the request's model string: an alias, {@code pkg:alias} or {@code provider:model}} */
    public String alias() {
        return alias;
    }

    /** {@return the binding's provider} */
    public String provider() {
        return provider;
    }

    /** {@return the binding's model} */
    public String model() {
        return model;
    }

    /** {@return {@code provider:model}} */
    public String binding() {
        String b = binding;
        if (b == null) binding = b = provider + ":" + model; // racy but benign: every thread computes the same
        return b;
    }

    /** {@return the request's application tag ({@link dev.llmring.ChatRequest#tag()}), for per-tag budgets} */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** {@return the estimated input tokens (a generous estimate, without a tokenizer)} */
    public long estimatedInputTokens() {
        return estimatedInputTokens;
    }

    /** {@return the output limit the request asks for, if any} */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    /** {@return input estimate plus the requested output limit: what a tokens-per-minute limit reserves} */
    public long estimatedTokens() {
        return estimatedInputTokens + (maxOutputTokens == null ? 0 : maxOutputTokens);
    }

    /**
     * {@return the most the attempt can cost in US dollars, at registry prices; empty when it cannot be priced or
     * bounded}
     */
    public Optional<BigDecimal> worstCaseCost() {
        return Optional.ofNullable(worstCaseCost);
    }

    @Override
    public String toString() {
        return "LimitedAttempt[" + alias + " -> " + binding() + (tag == null ? "" : ", tag=" + tag) + ", ~"
                + estimatedTokens() + " tokens"
                + (worstCaseCost == null ? "" : ", worst case $" + worstCaseCost.toPlainString()) + "]";
    }

    private static String nonBlank(String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
        return s;
    }

    /** Builds a {@link LimitedAttempt}; setters validate at once. */
    public static final class Builder {
        private final String alias;
        private final String provider;
        private final String model;
        private @Nullable String tag;
        private long estimatedInputTokens;
        private @Nullable Integer maxOutputTokens;
        private @Nullable BigDecimal worstCaseCost;

        private Builder(String alias, String provider, String model) {
            this.alias = alias;
            this.provider = provider;
            this.model = model;
        }

        /**
         * The request's tag; null (the default) for none.
         *
         * @param tag the application tag, or null
         * @return this builder
         */
        public Builder tag(@Nullable String tag) {
            this.tag = tag;
            return this;
        }

        /**
         * The estimated input tokens; 0 by default.
         *
         * @param tokens the estimate
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder estimatedInputTokens(long tokens) {
            if (tokens < 0) throw new IllegalArgumentException("estimatedInputTokens must not be negative: " + tokens);
            this.estimatedInputTokens = tokens;
            return this;
        }

        /**
         * The request's output limit; null (the default) for none.
         *
         * @param tokens the limit in tokens, or null
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxOutputTokens(@Nullable Integer tokens) {
            if (tokens != null && tokens < 0) {
                throw new IllegalArgumentException("maxOutputTokens must not be negative: " + tokens);
            }
            this.maxOutputTokens = tokens;
            return this;
        }

        /**
         * The worst-case cost in US dollars; null (the default) when unknown.
         *
         * @param usd the cost, or null
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder worstCaseCost(@Nullable BigDecimal usd) {
            if (usd != null && usd.signum() < 0) {
                throw new IllegalArgumentException("worstCaseCost must not be negative: " + usd.toPlainString());
            }
            this.worstCaseCost = usd;
            return this;
        }

        /** {@return the attempt} */
        public LimitedAttempt build() {
            return new LimitedAttempt(this);
        }
    }
}
