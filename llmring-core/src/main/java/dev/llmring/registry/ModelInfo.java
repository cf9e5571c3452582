package dev.llmring.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the LLMRing registry says about one model: its names, limits, prices (US dollars per million tokens, exact
 * {@link BigDecimal}s) and capability flags. Immutable.
 *
 * <p>Every price and limit is optional: the registry leaves many of them out (or {@code null}, or {@code 0} for an
 * unknown limit), and an absent value means "unknown", never "free" or "unlimited".
 *
 * <p>Capability flags are tri-state. The {@code supportsX()} accessors answer {@code true} only when the registry says
 * so explicitly; {@link #capability(String)} tells "no" apart from "not stated", and also reaches flags this class has
 * no accessor for (every boolean {@code supports_*} / {@code is_*} field of the registry entry is kept).
 */
public final class ModelInfo {
    private final String provider;
    private final String modelName;
    private final String displayName;
    private final List<String> aliases;
    private final @Nullable Integer maxInputTokens;
    private final @Nullable Integer maxOutputTokens;
    private final Map<Price, BigDecimal> prices;
    private final @Nullable Long longContextThresholdTokens;
    private final Map<String, Boolean> capabilities;
    private final boolean active;
    private final @Nullable LocalDate deprecatedDate;
    private final @Nullable String apiEndpoint;
    private final @Nullable Integer registryVersion;

    /** The prices the registry may carry, each in US dollars per million tokens. */
    enum Price {
        INPUT("dollars_per_million_tokens_input"),
        OUTPUT("dollars_per_million_tokens_output"),
        CACHED_INPUT("dollars_per_million_tokens_cached_input"),
        CACHE_READ("dollars_per_million_tokens_cache_read"),
        CACHE_WRITE_5M("dollars_per_million_tokens_cache_write_5m"),
        CACHE_WRITE_1H("dollars_per_million_tokens_cache_write_1h"),
        OUTPUT_THINKING("dollars_per_million_tokens_output_thinking"),
        INPUT_LONG_CONTEXT("dollars_per_million_tokens_input_long_context"),
        OUTPUT_LONG_CONTEXT("dollars_per_million_tokens_output_long_context");

        final String field;

        Price(String field) {
            this.field = field;
        }
    }

    private ModelInfo(Builder b) {
        this.provider = b.provider;
        this.modelName = b.modelName;
        this.displayName = b.displayName == null ? b.modelName : b.displayName;
        this.aliases = List.copyOf(b.aliases);
        this.maxInputTokens = b.maxInputTokens;
        this.maxOutputTokens = b.maxOutputTokens;
        this.prices = Collections.unmodifiableMap(new TreeMap<>(b.prices));
        this.longContextThresholdTokens = b.longContextThresholdTokens;
        this.capabilities = Collections.unmodifiableMap(new TreeMap<>(b.capabilities));
        this.active = b.active;
        this.deprecatedDate = b.deprecatedDate;
        this.apiEndpoint = b.apiEndpoint;
        this.registryVersion = b.registryVersion;
    }

    /**
     * A builder for a model of {@code provider} named {@code modelName} (without the provider prefix).
     *
     * @throws IllegalArgumentException when either is blank or the provider is not a registry provider name
     *     (lower-case letters, digits, {@code _} and {@code -})
     */
    public static Builder builder(String provider, String modelName) {
        return new Builder(provider, modelName);
    }

    /** A builder holding everything this model holds. */
    public Builder toBuilder() {
        Builder b = new Builder(provider, modelName);
        b.displayName = displayName;
        b.aliases.addAll(aliases);
        b.maxInputTokens = maxInputTokens;
        b.maxOutputTokens = maxOutputTokens;
        b.prices.putAll(prices);
        b.longContextThresholdTokens = longContextThresholdTokens;
        b.capabilities.putAll(capabilities);
        b.active = active;
        b.deprecatedDate = deprecatedDate;
        b.apiEndpoint = apiEndpoint;
        b.registryVersion = registryVersion;
        return b;
    }

    public String provider() {
        return provider;
    }

    /** The model's canonical name at its provider, e.g. {@code claude-sonnet-4-5-20250929}. */
    public String modelName() {
        return modelName;
    }

    /** {@code provider:modelName}, the registry's key for this model. */
    public String ref() {
        return provider + ":" + modelName;
    }

    /** A human-readable name; the model name when the registry gives none. */
    public String displayName() {
        return displayName;
    }

    /** Other names the provider accepts for this model (the registry's {@code model_aliases}). */
    public List<String> aliases() {
        return aliases;
    }

    /** Whether {@code name} is this model's name or one of its aliases (exact match). */
    public boolean isNamed(String name) {
        return modelName.equals(name) || aliases.contains(name);
    }

    /** The context window for input, when known. */
    public OptionalInt maxInputTokens() {
        return maxInputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxInputTokens);
    }

    /** The most tokens one answer may have, when known. */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    /** Dollars per million uncached input tokens. */
    public Optional<BigDecimal> inputPrice() {
        return price(Price.INPUT);
    }

    /** Dollars per million output tokens. */
    public Optional<BigDecimal> outputPrice() {
        return price(Price.OUTPUT);
    }

    /** Dollars per million input tokens served from the prompt cache ({@code _cached_input}, OpenAI's name). */
    public Optional<BigDecimal> cachedInputPrice() {
        return price(Price.CACHED_INPUT);
    }

    /** Dollars per million tokens read from the prompt cache ({@code _cache_read}, Anthropic's name). */
    public Optional<BigDecimal> cacheReadPrice() {
        return price(Price.CACHE_READ);
    }

    /** Dollars per million tokens written to the prompt cache with a five-minute lifetime. */
    public Optional<BigDecimal> cacheWrite5mPrice() {
        return price(Price.CACHE_WRITE_5M);
    }

    /** Dollars per million tokens written to the prompt cache with a one-hour lifetime. */
    public Optional<BigDecimal> cacheWrite1hPrice() {
        return price(Price.CACHE_WRITE_1H);
    }

    /** Dollars per million reasoning (thinking) tokens, when the provider prices them apart from output. */
    public Optional<BigDecimal> outputThinkingPrice() {
        return price(Price.OUTPUT_THINKING);
    }

    /** Dollars per million input tokens of a request above {@link #longContextThresholdTokens()}. */
    public Optional<BigDecimal> inputLongContextPrice() {
        return price(Price.INPUT_LONG_CONTEXT);
    }

    /** Dollars per million output tokens of a request above {@link #longContextThresholdTokens()}. */
    public Optional<BigDecimal> outputLongContextPrice() {
        return price(Price.OUTPUT_LONG_CONTEXT);
    }

    /** The input size above which a whole request is charged at the long-context rates. */
    public OptionalLong longContextThresholdTokens() {
        return longContextThresholdTokens == null ? OptionalLong.empty() : OptionalLong.of(longContextThresholdTokens);
    }

    /**
     * Whether long-context pricing applies to this model: the registry gives a threshold and both long-context rates
     * (its {@code supports_long_context_pricing} flag is not required, nor trusted to be {@code true} alone).
     */
    public boolean hasLongContextPricing() {
        return longContextThresholdTokens != null
                && prices.containsKey(Price.INPUT_LONG_CONTEXT)
                && prices.containsKey(Price.OUTPUT_LONG_CONTEXT);
    }

    /** Whether the registry prices both input and output, so that a call's cost can be computed. */
    public boolean isPriced() {
        return prices.containsKey(Price.INPUT) && prices.containsKey(Price.OUTPUT);
    }

    Optional<BigDecimal> price(Price p) {
        return Optional.ofNullable(prices.get(p));
    }

    /**
     * A capability flag by its registry name, e.g. {@code supports_vision} or {@code is_reasoning_model}; empty when
     * the registry does not state it.
     */
    public Optional<Boolean> capability(String registryFlag) {
        Objects.requireNonNull(registryFlag, "registryFlag");
        return Optional.ofNullable(capabilities.get(registryFlag));
    }

    /** Every capability flag the registry states for this model, by registry name. */
    public Map<String, Boolean> capabilities() {
        return capabilities;
    }

    private boolean flag(String name) {
        return Boolean.TRUE.equals(capabilities.get(name));
    }

    public boolean supportsVision() {
        return flag("supports_vision");
    }

    public boolean supportsFunctionCalling() {
        return flag("supports_function_calling");
    }

    public boolean supportsJsonSchema() {
        return flag("supports_json_schema");
    }

    public boolean supportsJsonMode() {
        return flag("supports_json_mode");
    }

    public boolean supportsStreaming() {
        return flag("supports_streaming");
    }

    public boolean supportsTemperature() {
        return flag("supports_temperature");
    }

    /** Whether the model reads documents (PDF): the registry's {@code supports_documents} or {@code supports_pdf_input}. */
    public boolean supportsDocuments() {
        return flag("supports_documents") || flag("supports_pdf_input");
    }

    public boolean supportsCaching() {
        return flag("supports_caching");
    }

    public boolean supportsThinking() {
        return flag("supports_thinking");
    }

    public boolean isReasoningModel() {
        return flag("is_reasoning_model");
    }

    /** Whether the provider still serves the model ({@code is_active}; {@code true} when not stated). */
    public boolean isActive() {
        return active;
    }

    /** The date from which the provider retires (or retired) the model. */
    public Optional<LocalDate> deprecatedDate() {
        return Optional.ofNullable(deprecatedDate);
    }

    /** Whether the deprecation date is on or before {@code today}. */
    public boolean isDeprecatedOn(LocalDate today) {
        Objects.requireNonNull(today, "today");
        return deprecatedDate != null && !deprecatedDate.isAfter(today);
    }

    /** The provider API the model is served by, e.g. {@code chat} or {@code responses}, when stated. */
    public Optional<String> apiEndpoint() {
        return Optional.ofNullable(apiEndpoint);
    }

    /** The registry snapshot version this entry was read from, when it came from the registry. */
    public OptionalInt registryVersion() {
        return registryVersion == null ? OptionalInt.empty() : OptionalInt.of(registryVersion);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ModelInfo m
                && m.provider.equals(provider)
                && m.modelName.equals(modelName)
                && m.displayName.equals(displayName)
                && m.aliases.equals(aliases)
                && Objects.equals(m.maxInputTokens, maxInputTokens)
                && Objects.equals(m.maxOutputTokens, maxOutputTokens)
                && pricesEqual(m.prices, prices)
                && Objects.equals(m.longContextThresholdTokens, longContextThresholdTokens)
                && m.capabilities.equals(capabilities)
                && m.active == active
                && Objects.equals(m.deprecatedDate, deprecatedDate)
                && Objects.equals(m.apiEndpoint, apiEndpoint)
                && Objects.equals(m.registryVersion, registryVersion);
    }

    /** Prices compare by value: 3.0 equals 3.00. */
    private static boolean pricesEqual(Map<Price, BigDecimal> a, Map<Price, BigDecimal> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        return a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                provider,
                modelName,
                aliases,
                maxInputTokens,
                maxOutputTokens,
                prices.keySet(),
                capabilities,
                active,
                deprecatedDate,
                registryVersion);
    }

    @Override
    public String toString() {
        return "ModelInfo[" + ref() + (registryVersion == null ? "" : " v" + registryVersion)
                + (active ? "" : ", inactive") + ", input=" + prices.get(Price.INPUT) + ", output="
                + prices.get(Price.OUTPUT) + " $/Mtok]";
    }

    /** Builds a {@link ModelInfo}. Setters validate at once and name the bad value. */
    public static final class Builder {
        private final String provider;
        private final String modelName;
        private @Nullable String displayName;
        private final List<String> aliases = new ArrayList<>();
        private @Nullable Integer maxInputTokens;
        private @Nullable Integer maxOutputTokens;
        private final Map<Price, BigDecimal> prices = new TreeMap<>();
        private @Nullable Long longContextThresholdTokens;
        private final Map<String, Boolean> capabilities = new TreeMap<>();
        private boolean active = true;
        private @Nullable LocalDate deprecatedDate;
        private @Nullable String apiEndpoint;
        private @Nullable Integer registryVersion;

        private Builder(String provider, String modelName) {
            this.provider = RegistryNames.requireProvider(provider);
            Objects.requireNonNull(modelName, "modelName");
            if (modelName.isBlank()) throw new IllegalArgumentException("modelName must not be blank");
            this.modelName = modelName;
        }

        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /** Adds an alias; blank aliases and the model's own name are ignored, duplicates kept once. */
        public Builder alias(String alias) {
            Objects.requireNonNull(alias, "alias");
            if (!alias.isBlank() && !alias.equals(modelName) && !aliases.contains(alias)) aliases.add(alias);
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder maxInputTokens(int tokens) {
            this.maxInputTokens = positive(tokens, "maxInputTokens");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder maxOutputTokens(int tokens) {
            this.maxOutputTokens = positive(tokens, "maxOutputTokens");
            return this;
        }

        public Builder inputPrice(BigDecimal dollarsPerMillion) {
            return price(Price.INPUT, dollarsPerMillion);
        }

        public Builder outputPrice(BigDecimal dollarsPerMillion) {
            return price(Price.OUTPUT, dollarsPerMillion);
        }

        public Builder cachedInputPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHED_INPUT, dollarsPerMillion);
        }

        public Builder cacheReadPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHE_READ, dollarsPerMillion);
        }

        public Builder cacheWrite5mPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHE_WRITE_5M, dollarsPerMillion);
        }

        public Builder cacheWrite1hPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHE_WRITE_1H, dollarsPerMillion);
        }

        public Builder outputThinkingPrice(BigDecimal dollarsPerMillion) {
            return price(Price.OUTPUT_THINKING, dollarsPerMillion);
        }

        /**
         * Long-context pricing: a request whose input exceeds {@code thresholdTokens} is charged at these rates for
         * all of its input and output.
         *
         * @throws IllegalArgumentException when the threshold is not positive or a price is negative
         */
        public Builder longContextPricing(long thresholdTokens, BigDecimal input, BigDecimal output) {
            if (thresholdTokens <= 0) {
                throw new IllegalArgumentException("long-context threshold must be positive, was " + thresholdTokens);
            }
            price(Price.INPUT_LONG_CONTEXT, input);
            price(Price.OUTPUT_LONG_CONTEXT, output);
            this.longContextThresholdTokens = thresholdTokens;
            return this;
        }

        Builder longContextThreshold(long thresholdTokens) {
            this.longContextThresholdTokens = thresholdTokens;
            return this;
        }

        /** @throws IllegalArgumentException when the price is negative */
        Builder price(Price p, BigDecimal dollarsPerMillion) {
            Objects.requireNonNull(dollarsPerMillion, p.field);
            if (dollarsPerMillion.signum() < 0) {
                throw new IllegalArgumentException(p.field + " must not be negative, was " + dollarsPerMillion);
            }
            prices.put(p, dollarsPerMillion);
            return this;
        }

        /**
         * Sets a capability flag by its registry name ({@code supports_vision}, {@code is_reasoning_model} …).
         *
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder capability(String registryFlag, boolean value) {
            Objects.requireNonNull(registryFlag, "registryFlag");
            if (registryFlag.isBlank()) throw new IllegalArgumentException("capability flag must not be blank");
            capabilities.put(registryFlag.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        public Builder deprecatedDate(LocalDate date) {
            this.deprecatedDate = Objects.requireNonNull(date, "date");
            return this;
        }

        public Builder apiEndpoint(String apiEndpoint) {
            this.apiEndpoint = Objects.requireNonNull(apiEndpoint, "apiEndpoint");
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder registryVersion(int version) {
            if (version < 0) throw new IllegalArgumentException("registryVersion must not be negative, was " + version);
            this.registryVersion = version;
            return this;
        }

        public ModelInfo build() {
            return new ModelInfo(this);
        }

        private static int positive(int n, String name) {
            if (n <= 0) throw new IllegalArgumentException(name + " must be positive, was " + n);
            return n;
        }
    }
}
