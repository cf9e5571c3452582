package dev.llmring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
        b.providerOptions.forEach((k, v) -> opts.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.providerOptions = Collections.unmodifiableMap(opts);
        if (messages.isEmpty()) throw new IllegalArgumentException("a request needs at least one message");
        if (!toolChoice.equals(ToolChoice.AUTO) && !toolChoice.equals(ToolChoice.NONE) && tools.isEmpty()) {
            throw new IllegalArgumentException("tool choice " + toolChoice + " needs at least one tool");
        }
        toolChoice.toolName().ifPresent(n -> {
            if (tools.stream().noneMatch(t -> t.name().equals(n))) {
                throw new IllegalArgumentException("tool choice names tool '" + n + "', which is not among the tools");
            }
        });
        long distinct = tools.stream().map(Tool::name).distinct().count();
        if (distinct != tools.size()) throw new IllegalArgumentException("tool names must be unique");
    }

    /** A builder for a request to {@code model} (an alias, {@code pkg:alias}, or {@code provider:model}). */
    public static Builder builder(String model) {
        return new Builder(model);
    }

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

    public String model() {
        return model;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<Tool> tools() {
        return tools;
    }

    public ToolChoice toolChoice() {
        return toolChoice;
    }

    public ResponseFormat responseFormat() {
        return responseFormat;
    }

    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    public List<String> stop() {
        return stop;
    }

    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** This request's overall deadline, measured from the call, overriding the client's default. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * The application's tag for this call (a tenant, user or job id), if set: per-tag spend budgets count against
     * it, and listeners (metrics, audit log) may record it. Never sent to a provider.
     */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** How much the model should reason, when the request says (see {@link Reasoning}). */
    public Optional<Reasoning> reasoning() {
        return Optional.ofNullable(reasoning);
    }

    /**
     * Extra top-level request fields for one provider (the escape hatch for features llmring does not model), keyed
     * by provider name. Adapters add them to the wire body but never let them replace the fields they own (model,
     * messages, system, tools, stream …).
     */
    public Map<String, @Nullable Object> providerOptions(String provider) {
        return providerOptions.getOrDefault(provider, Map.of());
    }

    /** Whether any message carries an image or document part. */
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

        public Builder model(String model) {
            this.model = requireModel(model);
            return this;
        }

        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder messages(List<Message> messages) {
            messages.forEach(this::message);
            return this;
        }

        public Builder system(String text) {
            return message(Message.system(text));
        }

        public Builder user(String text) {
            return message(Message.user(text));
        }

        public Builder tool(Tool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        public Builder tools(List<Tool> tools) {
            tools.forEach(this::tool);
            return this;
        }

        public Builder toolChoice(ToolChoice choice) {
            this.toolChoice = Objects.requireNonNull(choice, "choice");
            return this;
        }

        public Builder responseFormat(ResponseFormat format) {
            this.responseFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** @throws IllegalArgumentException unless 0 &le; temperature &le; 2 */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder maxOutputTokens(int maxOutputTokens) {
            if (maxOutputTokens <= 0) {
                throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder stop(String... sequences) {
            for (String s : sequences) {
                Objects.requireNonNull(s, "stop sequence");
                if (s.isEmpty()) throw new IllegalArgumentException("stop sequence must not be empty");
                stop.add(s);
            }
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
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
         */
        public Builder providerOptions(String provider, Map<String, ? extends @Nullable Object> fields) {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(fields, "fields");
            providerOptions.put(provider, new LinkedHashMap<>(fields));
            return this;
        }

        /** @throws IllegalArgumentException when the request is inconsistent (no messages, unknown named tool …) */
        public ChatRequest build() {
            return new ChatRequest(this);
        }
    }
}
