package dev.llmring.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
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
        // compact (issue 18): an EnumMap, never handed out; the flags in a FlagMap
        this.prices = b.prices.isEmpty() ? Map.of() : new EnumMap<>(b.prices);
        this.longContextThresholdTokens = b.longContextThresholdTokens;
        this.capabilities = FlagMap.copyOf(b.capabilities);
        this.active = b.active;
        this.deprecatedDate = b.deprecatedDate;
        this.apiEndpoint = b.apiEndpoint;
        this.registryVersion = b.registryVersion;
    }

    /**
     * A builder for a model of {@code provider} named {@code modelName} (without the provider prefix).
     *
     * @param provider the registry provider name, e.g. {@code anthropic}
     * @param modelName the model's name at the provider, without the {@code provider:} prefix
     * @return a builder with no limits, prices or capabilities, active and not deprecated
     * @throws IllegalArgumentException when either is blank or the provider is not a registry provider name
     *     (lower-case letters, digits, {@code _} and {@code -})
     */
    public static Builder builder(String provider, String modelName) {
        return new Builder(provider, modelName);
    }

    /** {@return a builder holding everything this model holds} */
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

    /** {@return the registry provider name, e.g. {@code openai}} */
    public String provider() {
        return provider;
    }

    /** {@return the model's canonical name at its provider, e.g. {@code claude-sonnet-4-5-20250929}} */
    public String modelName() {
        return modelName;
    }

    /** {@return {@code provider:modelName}, the registry's key for this model} */
    public String ref() {
        return provider + ":" + modelName;
    }

    /** {@return a human-readable name; the model name when the registry gives none} */
    public String displayName() {
        return displayName;
    }

    /** {@return other names the provider accepts for this model (the registry's {@code model_aliases}), maybe none} */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * Whether {@code name} is this model's name or one of its aliases (exact match).
     *
     * @param name a model name without the provider prefix
     * @return {@code true} when it is the model's name or one of its aliases
     */
    public boolean isNamed(String name) {
        return modelName.equals(name) || aliases.contains(name);
    }

    /** {@return the context window for input in tokens; empty when unknown} */
    public OptionalInt maxInputTokens() {
        return maxInputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxInputTokens);
    }

    /** {@return the most tokens one answer may have; empty when unknown} */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    /** {@return dollars per million uncached input tokens; empty when unknown} */
    public Optional<BigDecimal> inputPrice() {
        return price(Price.INPUT);
    }

    /** {@return dollars per million output tokens; empty when unknown} */
    public Optional<BigDecimal> outputPrice() {
        return price(Price.OUTPUT);
    }

    /**
     * {@return dollars per million input tokens served from the prompt cache ({@code _cached_input}, OpenAI's name);
     * empty when unknown}
     */
    public Optional<BigDecimal> cachedInputPrice() {
        return price(Price.CACHED_INPUT);
    }

    /**
     * {@return dollars per million tokens read from the prompt cache ({@code _cache_read}, Anthropic's name); empty
     * when unknown}
     */
    public Optional<BigDecimal> cacheReadPrice() {
        return price(Price.CACHE_READ);
    }

    /** {@return dollars per million tokens written to the prompt cache for five minutes; empty when unknown} */
    public Optional<BigDecimal> cacheWrite5mPrice() {
        return price(Price.CACHE_WRITE_5M);
    }

    /** {@return dollars per million tokens written to the prompt cache for one hour; empty when unknown} */
    public Optional<BigDecimal> cacheWrite1hPrice() {
        return price(Price.CACHE_WRITE_1H);
    }

    /**
     * {@return dollars per million reasoning (thinking) tokens; empty unless the provider prices them apart from
     * output}
     */
    public Optional<BigDecimal> outputThinkingPrice() {
        return price(Price.OUTPUT_THINKING);
    }

    /** {@return dollars per million input tokens of a request above {@link #longContextThresholdTokens()}} */
    public Optional<BigDecimal> inputLongContextPrice() {
        return price(Price.INPUT_LONG_CONTEXT);
    }

    /** {@return dollars per million output tokens of a request above {@link #longContextThresholdTokens()}} */
    public Optional<BigDecimal> outputLongContextPrice() {
        return price(Price.OUTPUT_LONG_CONTEXT);
    }

    /**
     * {@return the input size in tokens above which a whole request is charged at the long-context rates; empty when
     * the model has no long-context pricing}
     */
    public OptionalLong longContextThresholdTokens() {
        return longContextThresholdTokens == null ? OptionalLong.empty() : OptionalLong.of(longContextThresholdTokens);
    }

    /**
     * Whether long-context pricing applies to this model: the registry gives a threshold and both long-context rates
     * (its {@code supports_long_context_pricing} flag is not required, nor trusted to be {@code true} alone).
     *
     * @return {@code true} when the threshold and both long-context rates are known
     */
    public boolean hasLongContextPricing() {
        return longContextThresholdTokens != null
                && prices.containsKey(Price.INPUT_LONG_CONTEXT)
                && prices.containsKey(Price.OUTPUT_LONG_CONTEXT);
    }

    /** {@return whether the registry prices both input and output, so that a call's cost can be computed} */
    public boolean isPriced() {
        return prices.containsKey(Price.INPUT) && prices.containsKey(Price.OUTPUT);
    }

    Optional<BigDecimal> price(Price p) {
        return Optional.ofNullable(prices.get(p));
    }

    /**
     * A capability flag by its registry name, e.g. {@code supports_vision} or {@code is_reasoning_model}; empty when
     * the registry does not state it.
     *
     * @param registryFlag the flag's registry name (the builder stores names in lower case)
     * @return the stated value, or empty when the registry does not state the flag
     */
    public Optional<Boolean> capability(String registryFlag) {
        Objects.requireNonNull(registryFlag, "registryFlag");
        return Optional.ofNullable(capabilities.get(registryFlag));
    }

    /** {@return every capability flag the registry states for this model, by registry name; unmodifiable} */
    public Map<String, Boolean> capabilities() {
        return capabilities;
    }

    private boolean flag(String name) {
        return Boolean.TRUE.equals(capabilities.get(name));
    }

    /** {@return whether the registry says the model reads images ({@code supports_vision})} */
    public boolean supportsVision() {
        return flag("supports_vision");
    }

    /** {@return whether the registry says the model calls tools ({@code supports_function_calling})} */
    public boolean supportsFunctionCalling() {
        return flag("supports_function_calling");
    }

    /** {@return whether the registry says the model follows a JSON schema ({@code supports_json_schema})} */
    public boolean supportsJsonSchema() {
        return flag("supports_json_schema");
    }

    /** {@return whether the registry says the model has a JSON-only mode ({@code supports_json_mode})} */
    public boolean supportsJsonMode() {
        return flag("supports_json_mode");
    }

    /** {@return whether the registry says the model streams its answer ({@code supports_streaming})} */
    public boolean supportsStreaming() {
        return flag("supports_streaming");
    }

    /** {@return whether the registry says the model accepts a temperature ({@code supports_temperature})} */
    public boolean supportsTemperature() {
        return flag("supports_temperature");
    }

    /**
     * {@return whether the model reads documents (PDF): the registry's {@code supports_documents} or
     * {@code supports_pdf_input}}
     */
    public boolean supportsDocuments() {
        return flag("supports_documents") || flag("supports_pdf_input");
    }

    /** {@return whether the registry says the model has prompt caching ({@code supports_caching})} */
    public boolean supportsCaching() {
        return flag("supports_caching");
    }

    /** {@return whether the registry says the model has extended thinking ({@code supports_thinking})} */
    public boolean supportsThinking() {
        return flag("supports_thinking");
    }

    /** {@return whether the registry says the model reasons before it answers ({@code is_reasoning_model})} */
    public boolean isReasoningModel() {
        return flag("is_reasoning_model");
    }

    /** {@return whether the provider still serves the model ({@code is_active}; {@code true} when not stated)} */
    public boolean isActive() {
        return active;
    }

    /** {@return the date from which the provider retires (or retired) the model; empty when none is announced} */
    public Optional<LocalDate> deprecatedDate() {
        return Optional.ofNullable(deprecatedDate);
    }

    /**
     * Whether the deprecation date is on or before {@code today}.
     *
     * @param today the date to compare with, usually the caller's clock's date
     * @return {@code true} when a deprecation date is known and is not after {@code today}
     */
    public boolean isDeprecatedOn(LocalDate today) {
        Objects.requireNonNull(today, "today");
        return deprecatedDate != null && !deprecatedDate.isAfter(today);
    }

    /** {@return the provider API serving the model, e.g. {@code chat} or {@code responses}; empty when not stated} */
    public Optional<String> apiEndpoint() {
        return Optional.ofNullable(apiEndpoint);
    }

    /** {@return the registry snapshot version this entry was read from; empty when not read from the registry} */
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
        private final Map<Price, BigDecimal> prices = new EnumMap<>(Price.class);
        private @Nullable Long longContextThresholdTokens;
        private final TreeMap<String, Boolean> capabilities = new TreeMap<>();
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

        /**
         * Sets the human-readable name; by default the model name.
         *
         * @param displayName the name to show
         * @return this builder
         */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /**
         * Adds an alias; blank aliases and the model's own name are ignored, duplicates kept once. None by default.
         *
         * @param alias another name the provider accepts for the model
         * @return this builder
         */
        public Builder alias(String alias) {
            Objects.requireNonNull(alias, "alias");
            if (!alias.isBlank() && !alias.equals(modelName) && !aliases.contains(alias)) aliases.add(alias);
            return this;
        }

        /**
         * Sets the input context window; unknown by default.
         *
         * @param tokens the window in tokens
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxInputTokens(int tokens) {
            this.maxInputTokens = positive(tokens, "maxInputTokens");
            return this;
        }

        /**
         * Sets the most tokens one answer may have; unknown by default.
         *
         * @param tokens the limit in tokens
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxOutputTokens(int tokens) {
            this.maxOutputTokens = positive(tokens, "maxOutputTokens");
            return this;
        }

        /**
         * Sets the price of uncached input; unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder inputPrice(BigDecimal dollarsPerMillion) {
            return price(Price.INPUT, dollarsPerMillion);
        }

        /**
         * Sets the price of output; unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder outputPrice(BigDecimal dollarsPerMillion) {
            return price(Price.OUTPUT, dollarsPerMillion);
        }

        /**
         * Sets the price of input served from the prompt cache ({@code _cached_input}); unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cachedInputPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHED_INPUT, dollarsPerMillion);
        }

        /**
         * Sets the price of tokens read from the prompt cache ({@code _cache_read}); unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheReadPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHE_READ, dollarsPerMillion);
        }

        /**
         * Sets the price of tokens written to the prompt cache for five minutes; unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheWrite5mPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHE_WRITE_5M, dollarsPerMillion);
        }

        /**
         * Sets the price of tokens written to the prompt cache for one hour; unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheWrite1hPrice(BigDecimal dollarsPerMillion) {
            return price(Price.CACHE_WRITE_1H, dollarsPerMillion);
        }

        /**
         * Sets the price of reasoning (thinking) tokens when priced apart from output; unknown by default.
         *
         * @param dollarsPerMillion US dollars per million tokens
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder outputThinkingPrice(BigDecimal dollarsPerMillion) {
            return price(Price.OUTPUT_THINKING, dollarsPerMillion);
        }

        /**
         * Long-context pricing: a request whose input exceeds {@code thresholdTokens} is charged at these rates for
         * all of its input and output. None by default.
         *
         * @param thresholdTokens the input size in tokens above which the long-context rates apply
         * @param input US dollars per million input tokens above the threshold
         * @param output US dollars per million output tokens above the threshold
         * @return this builder
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
         * Sets a capability flag by its registry name ({@code supports_vision}, {@code is_reasoning_model} …). No
         * flag is stated by default.
         *
         * @param registryFlag the flag's registry name; stored in lower case
         * @param value what the registry states
         * @return this builder
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder capability(String registryFlag, boolean value) {
            Objects.requireNonNull(registryFlag, "registryFlag");
            if (registryFlag.isBlank()) throw new IllegalArgumentException("capability flag must not be blank");
            capabilities.put(registryFlag.toLowerCase(Locale.ROOT), value);
            return this;
        }

        /**
         * Sets whether the provider still serves the model; {@code true} by default.
         *
         * @param active the registry's {@code is_active}
         * @return this builder
         */
        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        /**
         * Sets the date from which the provider retires the model; none by default.
         *
         * @param date the retirement date
         * @return this builder
         */
        public Builder deprecatedDate(LocalDate date) {
            this.deprecatedDate = Objects.requireNonNull(date, "date");
            return this;
        }

        /**
         * Sets the provider API the model is served by ({@code chat}, {@code responses} …); none by default.
         *
         * @param apiEndpoint the registry's {@code api_endpoint}
         * @return this builder
         */
        public Builder apiEndpoint(String apiEndpoint) {
            this.apiEndpoint = Objects.requireNonNull(apiEndpoint, "apiEndpoint");
            return this;
        }

        /**
         * Sets the registry snapshot version the entry was read from; none by default.
         *
         * @param version the snapshot version
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder registryVersion(int version) {
            if (version < 0) throw new IllegalArgumentException("registryVersion must not be negative, was " + version);
            this.registryVersion = version;
            return this;
        }

        /** {@return the model with the values set so far} */
        public ModelInfo build() {
            return new ModelInfo(this);
        }

        private static int positive(int n, String name) {
            if (n <= 0) throw new IllegalArgumentException(name + " must be positive, was " + n);
            return n;
        }
    }
}
