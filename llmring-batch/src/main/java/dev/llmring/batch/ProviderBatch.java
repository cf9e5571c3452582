package dev.llmring.batch;

import dev.llmring.Sleeper;
import dev.llmring.registry.Registry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Provider batch mode: the lines are sent through the providers' own batch APIs (half price, answered within a day)
 * instead of one call each. Given to {@link BatchRunner.Builder#providerMode(ProviderBatch)}, and to {@link
 * ProviderJobs} for the jobs of a state directory. OpenAI's Batch API, Anthropic's Message Batches and Gemini batch
 * mode are supported in this version; a line whose binding is on another provider ends the run with a {@link
 * ProviderBatchException} naming the binding before anything is submitted.
 */
public final class ProviderBatch {
    /** The providers whose batch API this version speaks: {@code openai}, {@code anthropic} and {@code google}. */
    public static final Set<String> SUPPORTED = Set.of("openai", "anthropic", "google");

    /**
     * The documented discount of OpenAI's, Anthropic's and Google's batch APIs (the registry has no batch price): 50%,
     * a factor of {@code 0.5} on the registry's input and output prices.
     */
    public static final BigDecimal DISCOUNT = new BigDecimal("0.5");

    record Endpoint(URI baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + "]";
        }
    }

    final Map<String, Endpoint> endpoints;
    final int maxResubmits;
    final Duration firstPoll;
    final Duration maxPoll;
    final Sleeper sleeper;
    final @Nullable Registry registry;
    final boolean noWait;
    final boolean collectOnly;
    final long geminiInlineBytes;

    private ProviderBatch(Builder b) {
        this.endpoints = Map.copyOf(b.endpoints);
        this.maxResubmits = b.maxResubmits;
        this.firstPoll = b.firstPoll;
        this.maxPoll = b.maxPoll;
        this.sleeper = b.sleeper;
        this.registry = b.registry;
        this.noWait = b.noWait;
        this.collectOnly = b.collectOnly;
        this.geminiInlineBytes = b.geminiInlineBytes;
    }

    /** These settings for collecting only: open jobs are checked once, nothing is submitted. */
    ProviderBatch collecting() {
        Builder b = builder()
                .maxResubmits(maxResubmits)
                .pollInterval(firstPoll, maxPoll)
                .sleeper(sleeper);
        b.endpoints.putAll(endpoints);
        if (registry != null) b.registry(registry);
        return b.geminiInlineBytes(geminiInlineBytes).collectOnly(true).build();
    }

    /**
     * A new builder.
     *
     * @return a builder with no endpoint, 3 resubmits, polls from 10 seconds backing off to 5 minutes
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "ProviderBatch" + endpoints.keySet() + "[maxResubmits=" + maxResubmits + "]";
    }

    /** Builds a {@link ProviderBatch}; each setter validates at once. */
    public static final class Builder {
        private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        private int maxResubmits = 3;
        private Duration firstPoll = Duration.ofSeconds(10);
        private Duration maxPoll = Duration.ofMinutes(5);
        private Sleeper sleeper = Sleeper.system();
        private @Nullable Registry registry;
        private boolean noWait;
        private boolean collectOnly;
        private long geminiInlineBytes = GeminiBatchApi.INLINE_BYTES;

        private Builder() {}

        /**
         * Where and with which key to reach a provider's batch API.
         *
         * @param provider a provider in {@link #SUPPORTED}
         * @param baseUrl its API base: including the version for OpenAI ({@code https://api.openai.com/v1}) and
         *     Google ({@code https://generativelanguage.googleapis.com/v1beta}), without it for Anthropic ({@code
         *     https://api.anthropic.com})
         * @param apiKey the key (never logged nor shown)
         * @return this builder
         * @throws IllegalArgumentException when the provider has no batch API in this version, or the key is blank
         */
        public Builder endpoint(String provider, URI baseUrl, String apiKey) {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            if (!SUPPORTED.contains(provider)) {
                throw new IllegalArgumentException(
                        "provider '" + provider + "' has no batch API in this version (supported: " + SUPPORTED + ")");
            }
            if (apiKey.isBlank()) throw new IllegalArgumentException("the API key of " + provider + " is blank");
            endpoints.put(provider, new Endpoint(baseUrl, apiKey));
            return this;
        }

        /**
         * How many times the lines an expired or cancelled job left unanswered are submitted again.
         *
         * @param n 0 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code n} is negative
         */
        public Builder maxResubmits(int n) {
            if (n < 0) throw new IllegalArgumentException("maxResubmits must not be negative, was " + n);
            maxResubmits = n;
            return this;
        }

        /**
         * How often a job is polled: first after {@code first}, then twice as long each time up to {@code max}.
         *
         * @param first the first wait
         * @param max the longest wait
         * @return this builder
         * @throws IllegalArgumentException when a duration is not positive or {@code max} is below {@code first}
         */
        public Builder pollInterval(Duration first, Duration max) {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("poll intervals must be positive with max >= first");
            }
            firstPoll = first;
            maxPoll = max;
            return this;
        }

        /**
         * The sleeper that waits between polls (tests inject one that does not wait).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The registry that prices answers; without one, answers are recorded unpriced.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Submits the jobs and returns without waiting: each open job is checked once and collected if it has ended;
         * the run then stops {@link BatchSummary.Stop#PENDING}, and rerunning collects the rest.
         *
         * @param noWait whether to return without waiting for the jobs
         * @return this builder
         */
        public Builder noWait(boolean noWait) {
            this.noWait = noWait;
            return this;
        }

        /** Gemini jobs up to this many bytes of requests go inline, larger ones as an uploaded file (tests lower it). */
        Builder geminiInlineBytes(long bytes) {
            this.geminiInlineBytes = bytes;
            return this;
        }

        /** Collects open jobs without submitting anything (what {@link ProviderJobs#collector} sets). */
        Builder collectOnly(boolean collectOnly) {
            this.collectOnly = collectOnly;
            return this;
        }

        /**
         * The settings.
         *
         * @return the provider batch settings
         */
        public ProviderBatch build() {
            return new ProviderBatch(this);
        }
    }
}
