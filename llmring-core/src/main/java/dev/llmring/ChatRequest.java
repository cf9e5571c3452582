package dev.llmring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One chat request. {@link #model()} is an alias from the lockfile ({@code summarizer}), a namespaced alias from an
 * extended package ({@code acme:summarizer}), or a direct {@code provider:model} reference. Immutable; build with
 * {@link #builder(String)} and derive with {@link #toBuilder()}.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("summarizer")
 *         .system("Summarise in one sentence.")
 *         .user(text)
 *         .maxOutputTokens(200)
 *         .build();
 * }</pre>
 */
public final class ChatRequest {
    private final String model;
    private final List<Message> messages;
    private final List<Tool> tools;
    private final ToolChoice toolChoice;
    private final ResponseFormat responseFormat;
    private final @Nullable Double temperature;
    private final @Nullable Integer maxOutputTokens;
    private final List<String> stop;
    private final @Nullable Long seed;
    private final @Nullable Duration timeout;
    private final @Nullable String tag;
    private final @Nullable Reasoning reasoning;
    private final Map<String, Map<String, @Nullable Object>> providerOptions;

    private ChatRequest(Builder b) {
        this.model = b.model;
        this.messages = List.copyOf(b.messages);
        this.tools = List.copyOf(b.tools);
        this.toolChoice = b.toolChoice;
        this.responseFormat = b.responseFormat;
        this.temperature = b.temperature;
        this.maxOutputTokens = b.maxOutputTokens;
        this.stop = List.copyOf(b.stop);
        this.seed = b.seed;
        this.timeout = b.timeout;
        this.tag = b.tag;
        this.reasoning = b.reasoning;
        Map<String, Map<String, @Nullable Object>> opts = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, @Nullable Object>> e : b.providerOptions.entrySet()) {
            opts.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
        }
        this.providerOptions = Collections.unmodifiableMap(opts);
        if (messages.isEmpty()) throw new IllegalArgumentException("a request needs at least one message");
        if (!toolChoice.equals(ToolChoice.AUTO) && !toolChoice.equals(ToolChoice.NONE) && tools.isEmpty()) {
            throw new IllegalArgumentException("tool choice " + toolChoice + " needs at least one tool");
        }
        if (!tools.isEmpty()) checkToolNames(tools, toolChoice); // without tools, the check above covers the choice
    }

    /** A plain loop, not a stream: every request is built through here, the first call's too. */
    private static void checkToolNames(List<Tool> tools, ToolChoice toolChoice) {
        Set<String> names = new HashSet<>();
        boolean unique = true;
        for (Tool t : tools) unique &= names.add(t.name());
        String named = toolChoice.toolName().orElse(null);
        if (named != null && !names.contains(named)) {
            throw new IllegalArgumentException("tool choice names tool '" + named + "', which is not among the tools");
        }
        if (!unique) throw new IllegalArgumentException("tool names must be unique");
    }

    /**
     * A builder for a request to {@code model}.
     *
     * @param model an alias ({@code summarizer}), a namespaced alias ({@code pkg:alias}) or a direct
     *     {@code provider:model} reference; resolved when the request is sent, not here
     * @return a new builder with no messages, {@link ToolChoice#AUTO} and {@link ResponseFormat#TEXT}
     * @throws IllegalArgumentException when {@code model} is blank
     */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /**
     * A builder holding every field of this request, to derive a changed copy; this request is not affected.
     *
     * @return a new builder initialised from this request
     */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.messages.addAll(messages);
        b.tools.addAll(tools);
        b.toolChoice = toolChoice;
        b.responseFormat = responseFormat;
        b.temperature = temperature;
        b.maxOutputTokens = maxOutputTokens;
        b.stop.addAll(stop);
        b.seed = seed;
        b.timeout = timeout;
        b.tag = tag;
        b.reasoning = reasoning;
        b.providerOptions.putAll(providerOptions);
        return b;
    }

    /** This request with {@code replacement} as its messages (the router's media inlining). */
    ChatRequest withMessages(List<Message> replacement) {
        Builder b = toBuilder();
        b.messages.clear();
        b.messages.addAll(replacement);
        return b.build();
    }

    /**
     * The model this request asks for, as given: an alias, {@code pkg:alias} or {@code provider:model}.
     *
     * @return the alias or model reference, never blank
     */
    public String model() {
        return model;
    }

    /**
     * The conversation, in order.
     *
     * @return the messages, unmodifiable and never empty
     */
    public List<Message> messages() {
        return messages;
    }

    /**
     * The tools the model may call, in the order given.
     *
     * @return the tools, unmodifiable; empty when none (names are unique)
     */
    public List<Tool> tools() {
        return tools;
    }

    /**
     * Whether and which tools the model may call.
     *
     * @return the tool choice; {@link ToolChoice#AUTO} unless set
     */
    public ToolChoice toolChoice() {
        return toolChoice;
    }

    /**
     * The shape the answer must take.
     *
     * @return the response format; {@link ResponseFormat#TEXT} unless set
     */
    public ResponseFormat responseFormat() {
        return responseFormat;
    }

    /**
     * The sampling temperature, if set; otherwise the provider's default applies.
     *
     * @return the temperature in [0, 2], or empty
     */
    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /**
     * The cap on tokens the model may generate, if set; otherwise the provider's (or adapter's) default applies.
     *
     * @return the positive token cap, or empty
     */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    /**
     * Sequences at which the model stops generating, in the order given.
     *
     * @return the stop sequences, unmodifiable; empty when none
     */
    public List<String> stop() {
        return stop;
    }

    /**
     * The sampling seed, if set, for providers that support one (OpenAI, Gemini, Ollama); others ignore it.
     *
     * @return the seed, or empty
     */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /**
     * This request's overall deadline, measured from the call, overriding the client's default.
     *
     * @return the positive deadline, or empty to use the client's
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * The application's tag for this call (a tenant, user or job id), if set: per-tag spend budgets count against
     * it, and listeners (metrics, audit log) may record it. Never sent to a provider.
     *
     * @return the tag, or empty when untagged
     */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /**
     * How much the model should reason, when the request says (see {@link Reasoning}).
     *
     * @return the reasoning setting, or empty to leave it to the provider
     */
    public Optional<Reasoning> reasoning() {
        return Optional.ofNullable(reasoning);
    }

    /**
     * Extra top-level request fields for one provider (the escape hatch for features llmring does not model), keyed
     * by provider name. Adapters add them to the wire body but never let them replace the fields they own (model,
     * messages, system, tools, stream …).
     *
     * @param provider the provider name ({@code openai}, {@code anthropic} …)
     * @return the extra fields for that provider, unmodifiable; empty when none were set
     */
    public Map<String, @Nullable Object> providerOptions(String provider) {
        return providerOptions.getOrDefault(provider, Map.of());
    }

    /**
     * Whether any message carries an image or document part.
     *
     * @return true when some content part is not text
     */
    public boolean hasMedia() {
        return messages.stream().flatMap(m -> m.content().stream()).anyMatch(p -> !(p instanceof ContentPart.Text));
    }

    /** Names the model and the request's shape, never the content. */
    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", messages=" + messages.size() + ", tools=" + tools.size()
                + ", responseFormat=" + responseFormat + "]";
    }

    /** Builds a {@link ChatRequest}. Setters validate at once. */
    public static final class Builder {
        private String model;
        private final List<Message> messages = new ArrayList<>();
        private final List<Tool> tools = new ArrayList<>();
        private ToolChoice toolChoice = ToolChoice.AUTO;
        private ResponseFormat responseFormat = ResponseFormat.TEXT;
        private @Nullable Double temperature;
        private @Nullable Integer maxOutputTokens;
        private final List<String> stop = new ArrayList<>();
        private @Nullable Long seed;
        private @Nullable Duration timeout;
        private @Nullable String tag;
        private @Nullable Reasoning reasoning;
        private final Map<String, Map<String, @Nullable Object>> providerOptions = new LinkedHashMap<>();

        private Builder(String model) {
            this.model = requireModel(model);
        }

        private static String requireModel(String model) {
            Objects.requireNonNull(model, "model");
            if (model.isBlank()) throw new IllegalArgumentException("model (alias) must not be blank");
            return model;
        }

        /**
         * Replaces the model this request asks for.
         *
         * @param model an alias, {@code pkg:alias} or {@code provider:model}
         * @return this builder
         * @throws IllegalArgumentException when {@code model} is blank
         */
        public Builder model(String model) {
            this.model = requireModel(model);
            return this;
        }

        /**
         * Appends one message to the conversation.
         *
         * @param message the message
         * @return this builder
         */
        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Appends each of {@code messages}, in order, to the conversation (earlier messages are kept).
         *
         * @param messages the messages; none may be null
         * @return this builder
         */
        public Builder messages(List<Message> messages) {
            messages.forEach(this::message);
            return this;
        }

        /**
         * Appends a system message holding {@code text}.
         *
         * @param text the instructions
         * @return this builder
         */
        public Builder system(String text) {
            return message(Message.system(text));
        }

        /**
         * Appends a user message holding {@code text}.
         *
         * @param text the user's words
         * @return this builder
         */
        public Builder user(String text) {
            return message(Message.user(text));
        }

        /**
         * Adds a tool the model may call; names must be unique within the request (checked by {@link #build()}).
         *
         * @param tool the tool
         * @return this builder
         */
        public Builder tool(Tool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /**
         * Adds each of {@code tools}, in order, after those already added.
         *
         * @param tools the tools; none may be null
         * @return this builder
         */
        public Builder tools(List<Tool> tools) {
            tools.forEach(this::tool);
            return this;
        }

        /**
         * Sets whether and which tools the model may call. Default {@link ToolChoice#AUTO}; any choice other than
         * {@code AUTO} or {@code NONE} needs at least one tool, and a named tool must be among the tools (checked by
         * {@link #build()}).
         *
         * @param choice the tool choice
         * @return this builder
         */
        public Builder toolChoice(ToolChoice choice) {
            this.toolChoice = Objects.requireNonNull(choice, "choice");
            return this;
        }

        /**
         * Sets the shape the answer must take. Default {@link ResponseFormat#TEXT}.
         *
         * @param format the response format
         * @return this builder
         */
        public Builder responseFormat(ResponseFormat format) {
            this.responseFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the sampling temperature. Unset by default (the provider's default applies); some providers accept a
         * narrower range (Anthropic: up to 1) and refuse the request otherwise.
         *
         * @param temperature the temperature, 0 to 2
         * @return this builder
         * @throws IllegalArgumentException unless 0 &le; temperature &le; 2
         */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * Caps the tokens the model may generate. Unset by default (the provider's or adapter's default applies).
         *
         * @param maxOutputTokens the cap, in tokens
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxOutputTokens(int maxOutputTokens) {
            if (maxOutputTokens <= 0) {
                throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        /**
         * Adds sequences at which the model stops generating, after those already added. None by default.
         *
         * @param sequences the stop sequences
         * @return this builder
         * @throws IllegalArgumentException when a sequence is empty
         */
        public Builder stop(String... sequences) {
            for (String s : sequences) {
                Objects.requireNonNull(s, "stop sequence");
                if (s.isEmpty()) throw new IllegalArgumentException("stop sequence must not be empty");
                stop.add(s);
            }
            return this;
        }

        /**
         * Sets the sampling seed, for providers that support one (OpenAI, Gemini within 32 bits, Ollama); others ignore
         * it. Unset by default.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets this request's overall deadline, measured from the call, in place of the client's default.
         *
         * @param timeout the deadline
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
         * Tags the call for per-tag budgets and for listeners (see {@link ChatRequest#tag()}).
         *
         * @param tag the tag: 1 to 128 characters, no control characters
         * @return this builder
         * @throws IllegalArgumentException when blank, longer than 128 characters, or holding control characters
         */
        public Builder tag(String tag) {
            Objects.requireNonNull(tag, "tag");
            if (tag.isBlank() || tag.length() > 128 || tag.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a tag must be 1 to 128 characters without control characters, was "
                        + tag.length() + " characters");
            }
            this.tag = tag;
            return this;
        }

        /**
         * Asks for reasoning at an effort or within a token budget, mapped to each provider's field; refused in
         * preflight where the registry says the model cannot reason.
         *
         * @param reasoning the setting
         * @return this builder
         */
        public Builder reasoning(Reasoning reasoning) {
            this.reasoning = Objects.requireNonNull(reasoning, "reasoning");
            return this;
        }

        /**
         * Extra top-level wire fields for {@code provider} only (values: maps, lists, strings, numbers, booleans).
         * Replaces earlier options for that provider.
         *
         * @param provider the provider name the fields are for ({@code openai}, {@code anthropic} …)
         * @param fields the extra fields, copied; empty to clear earlier options for that provider
         * @return this builder
         */
        public Builder providerOptions(String provider, Map<String, ? extends @Nullable Object> fields) {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(fields, "fields");
            providerOptions.put(provider, new LinkedHashMap<>(fields));
            return this;
        }

        /**
         * Builds the request, checking it as a whole.
         *
         * @return the request
         * @throws IllegalArgumentException when the request is inconsistent: no messages, a tool choice other than
         *     {@code AUTO} or {@code NONE} without tools, a named tool that is not among the tools, or duplicate tool names
         */
        public ChatRequest build() {
            return new ChatRequest(this);
        }
    }
}
