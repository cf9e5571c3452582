package dev.llmring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of one call, normalised across providers.
 *
 * <ul>
 *   <li>{@link #inputTokens()}: every input token, <em>including</em> those read from the prompt cache and those
 *       written to it (Anthropic reports these three apart; its adapter adds them up);</li>
 *   <li>{@link #cachedInputTokens()}: the part of the input read from the cache;</li>
 *   <li>{@link #cacheWriteTokens()}: the part of the input written to the cache;</li>
 *   <li>{@link #outputTokens()}: every output token, <em>including</em> reasoning tokens;</li>
 *   <li>{@link #reasoningTokens()}: the part of the output spent on reasoning (thinking).</li>
 * </ul>
 */
public final class Usage {
    /** No tokens at all. */
    public static final Usage ZERO = builder().build();

    private final long inputTokens;
    private final long outputTokens;
    private final long cachedInputTokens;
    private final long cacheWriteTokens;
    private final long reasoningTokens;

    private Usage(Builder b) {
        this.inputTokens = b.inputTokens;
        this.outputTokens = b.outputTokens;
        this.cachedInputTokens = b.cachedInputTokens;
        this.cacheWriteTokens = b.cacheWriteTokens;
        this.reasoningTokens = b.reasoningTokens;
        if (cachedInputTokens + cacheWriteTokens > inputTokens) {
            throw new IllegalArgumentException("cached (" + cachedInputTokens + ") + cache-write (" + cacheWriteTokens
                    + ") tokens exceed input tokens (" + inputTokens + ")");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException(
                    "reasoning tokens (" + reasoningTokens + ") exceed output tokens (" + outputTokens + ")");
        }
    }

    /** {@return a builder with every count zero} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return every input token, including those read from and written to the prompt cache} */
    public long inputTokens() {
        return inputTokens;
    }

    /** {@return every output token, including reasoning tokens} */
    public long outputTokens() {
        return outputTokens;
    }

    /** {@return the part of the input read from the prompt cache} */
    public long cachedInputTokens() {
        return cachedInputTokens;
    }

    /** {@return the part of the input written to the prompt cache} */
    public long cacheWriteTokens() {
        return cacheWriteTokens;
    }

    /** {@return the part of the output spent on reasoning (thinking)} */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /** {@return input plus output tokens (cache and reasoning tokens are already inside those)} */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** {@return a builder holding these counts, to derive a changed copy} */
    public Builder toBuilder() {
        return builder()
                .inputTokens(inputTokens)
                .outputTokens(outputTokens)
                .cachedInputTokens(cachedInputTokens)
                .cacheWriteTokens(cacheWriteTokens)
                .reasoningTokens(reasoningTokens);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Usage u
                && u.inputTokens == inputTokens
                && u.outputTokens == outputTokens
                && u.cachedInputTokens == cachedInputTokens
                && u.cacheWriteTokens == cacheWriteTokens
                && u.reasoningTokens == reasoningTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, reasoningTokens);
    }

    @Override
    public String toString() {
        return "Usage[input=" + inputTokens + ", output=" + outputTokens + ", cachedInput=" + cachedInputTokens
                + ", cacheWrite=" + cacheWriteTokens + ", reasoning=" + reasoningTokens + "]";
    }

    /** Builds a {@link Usage}; counts must not be negative. */
    public static final class Builder {
        private long inputTokens;
        private long outputTokens;
        private long cachedInputTokens;
        private long cacheWriteTokens;
        private long reasoningTokens;

        private Builder() {}

        private static long count(long n, String name) {
            if (n < 0) throw new IllegalArgumentException(name + " must not be negative, was " + n);
            return n;
        }

        /**
         * Sets every input token, including those read from and written to the cache. Default 0.
         *
         * @param n the count
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder inputTokens(long n) {
            inputTokens = count(n, "inputTokens");
            return this;
        }

        /**
         * Sets every output token, including reasoning tokens. Default 0.
         *
         * @param n the count
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder outputTokens(long n) {
            outputTokens = count(n, "outputTokens");
            return this;
        }

        /**
         * Sets the part of the input read from the prompt cache. Default 0.
         *
         * @param n the count
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cachedInputTokens(long n) {
            cachedInputTokens = count(n, "cachedInputTokens");
            return this;
        }

        /**
         * Sets the part of the input written to the prompt cache. Default 0.
         *
         * @param n the count
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheWriteTokens(long n) {
            cacheWriteTokens = count(n, "cacheWriteTokens");
            return this;
        }

        /**
         * Sets the part of the output spent on reasoning. Default 0.
         *
         * @param n the count
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder reasoningTokens(long n) {
            reasoningTokens = count(n, "reasoningTokens");
            return this;
        }

        /**
         * Builds the usage.
         *
         * @return the usage
         * @throws IllegalArgumentException when the parts exceed their wholes (cached plus cache-write tokens above input
         *     tokens, or reasoning tokens above output tokens)
         */
        public Usage build() {
            return new Usage(this);
        }
    }
}
