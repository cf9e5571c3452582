package dev.llmring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A complete answer: its text, reasoning and tool calls, why it finished, token usage, which binding served it and
 * how routing went. Streamed and non-streamed calls produce the same response.
 */
public final class ChatResponse {
    private final String text;
    private final String reasoning;
    private final List<ReasoningPart> reasoningParts;
    private final List<ToolCall> toolCalls;
    private final FinishReason finishReason;
    private final @Nullable Usage usage;
    private final String provider;
    private final String model;
    private final @Nullable String requestId;
    private final @Nullable String responseId;
    private final @Nullable String responseModel;
    private final Duration latency;
    private final @Nullable Duration timeToFirstEvent;
    private final RoutingTrace trace;
    private final @Nullable Cost cost;
    private final Timing timing;

    private ChatResponse(Builder b) {
        this.text = b.text;
        this.reasoning = b.reasoning;
        this.reasoningParts = List.copyOf(b.reasoningParts);
        this.toolCalls = List.copyOf(b.toolCalls);
        this.finishReason = Objects.requireNonNull(b.finishReason, "finishReason");
        this.usage = b.usage;
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.model = Objects.requireNonNull(b.model, "model");
        this.requestId = b.requestId;
        this.responseId = b.responseId;
        this.responseModel = b.responseModel;
        this.latency = Objects.requireNonNull(b.latency, "latency");
        this.timeToFirstEvent = b.timeToFirstEvent;
        this.trace = Objects.requireNonNull(b.trace, "trace");
        this.cost = b.cost;
        this.timing = b.timing != null ? b.timing : Timing.ofTotal(latency, usage);
    }

    /** {@code from} with {@code cost}: every other value shared, nothing copied. */
    private ChatResponse(ChatResponse from, @Nullable Cost cost) {
        this.text = from.text;
        this.reasoning = from.reasoning;
        this.reasoningParts = from.reasoningParts;
        this.toolCalls = from.toolCalls;
        this.finishReason = from.finishReason;
        this.usage = from.usage;
        this.provider = from.provider;
        this.model = from.model;
        this.requestId = from.requestId;
        this.responseId = from.responseId;
        this.responseModel = from.responseModel;
        this.latency = from.latency;
        this.timeToFirstEvent = from.timeToFirstEvent;
        this.trace = from.trace;
        this.cost = cost;
        this.timing = from.timing;
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * This response with {@code cost} instead of its own, for the registry's hook: one object, where
     * {@link #toBuilder()} and {@code build()} would copy every value and list.
     */
    ChatResponse withCost(@Nullable Cost cost) {
        return new ChatResponse(this, cost);
    }

    /** A builder holding this response's values, for hooks that enrich a response (cost). */
    Builder toBuilder() {
        return new Builder()
                .text(text)
                .reasoning(reasoning)
                .reasoningParts(reasoningParts)
                .toolCalls(toolCalls)
                .finishReason(finishReason)
                .usage(usage)
                .provider(provider)
                .model(model)
                .requestId(requestId)
                .responseId(responseId)
                .responseModel(responseModel)
                .latency(latency)
                .timeToFirstEvent(timeToFirstEvent)
                .trace(trace)
                .cost(cost)
                .timing(timing);
    }

    /** {@return the answer's text; empty when the model only called tools} */
    public String text() {
        return text;
    }

    /** {@return the model's reasoning (thinking) as text, when the provider returns it; empty otherwise} */
    public String reasoning() {
        return reasoning;
    }

    /**
     * Provider-opaque reasoning state (thinking blocks with signatures, redacted blocks) in the order the provider
     * sent it; the provider needs it back with this turn, which {@link #assistantMessage()} takes care of.
     *
     * @return the reasoning parts, unmodifiable; empty when the provider sent none
     */
    public List<ReasoningPart> reasoningParts() {
        return reasoningParts;
    }

    /**
     * The tools the model asked to call, in the order it asked; the caller runs them and answers each with
     * {@link Message#toolResult(String, String)}.
     *
     * @return the tool calls, unmodifiable; empty when the model called none
     */
    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    /**
     * This answer as the assistant message to append to the conversation: its reasoning parts, text and tool calls,
     * in that order, so the next request gives the provider back what it needs.
     *
     * @return the assistant message for this answer
     */
    public Message assistantMessage() {
        return Message.assistant(this);
    }

    /** {@return why the model stopped: the normalised reason with the provider's raw string} */
    public FinishReason finishReason() {
        return finishReason;
    }

    /** {@return the token usage, when the provider reported it} */
    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    /** {@return the provider that served, e.g. {@code anthropic}} */
    public String provider() {
        return provider;
    }

    /** {@return the model that served, as named in the binding, e.g. {@code claude-sonnet-4-5-20250929}} */
    public String model() {
        return model;
    }

    /** {@return {@code provider:model} of the binding that served} */
    public String binding() {
        return provider + ":" + model;
    }

    /** {@return the provider's id for the request, for support tickets, when it sent one} */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The provider's id for the answer itself (OpenAI {@code chatcmpl-…}, Anthropic {@code msg_…}, Gemini
     * {@code responseId}), when the answer carries one; not the same as {@link #requestId()}, which may come from a
     * response header.
     *
     * @return the answer's id, or empty
     */
    public Optional<String> responseId() {
        return Optional.ofNullable(responseId);
    }

    /**
     * The model that produced the answer as the provider names it (e.g. {@code gpt-4o-mini-2024-07-18} for a binding
     * to {@code gpt-4o-mini}), when the answer says; {@link #model()} is the binding's.
     *
     * @return the provider's model name, or empty
     */
    public Optional<String> responseModel() {
        return Optional.ofNullable(responseModel);
    }

    /** {@return the time from the call until the complete answer, including retries and failovers} */
    public Duration latency() {
        return latency;
    }

    /** {@return for a stream, the time from the call until the first event reached the caller; empty otherwise} */
    public Optional<Duration> timeToFirstEvent() {
        return Optional.ofNullable(timeToFirstEvent);
    }

    /** {@return how routing went: each binding tried or skipped, in order, with the outcome and why} */
    public RoutingTrace trace() {
        return trace;
    }

    /**
     * What the call cost, when cost accounting ran (a registry is configured); its {@link Cost#status()} says whether
     * it could be priced.
     *
     * @return the cost, or empty when no cost accounting ran
     */
    public Optional<Cost> cost() {
        return Optional.ofNullable(cost);
    }

    /**
     * How the call went in time: time to the first event and first token, inter-token gaps, output tokens per
     * second, total (see {@link Timing}).
     *
     * @return the timing, never null
     */
    public Timing timing() {
        return timing;
    }

    /** Names the binding and the answer's shape, never its content. */
    @Override
    public String toString() {
        return "ChatResponse[binding=" + binding() + ", finish=" + finishReason + ", text=" + text.length()
                + " chars, toolCalls=" + toolCalls.size() + ", usage=" + usage + ", latency=" + latency.toMillis()
                + " ms]";
    }

    /** Assembles a response; used by the router and the stream assembler. */
    static final class Builder {
        private String text = "";
        private String reasoning = "";
        private final List<ReasoningPart> reasoningParts = new ArrayList<>();
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private @Nullable FinishReason finishReason;
        private @Nullable Usage usage;
        private @Nullable String provider;
        private @Nullable String model;
        private @Nullable String requestId;
        private @Nullable String responseId;
        private @Nullable String responseModel;
        private @Nullable Duration latency;
        private @Nullable Duration timeToFirstEvent;
        private @Nullable RoutingTrace trace;
        private @Nullable Cost cost;
        private @Nullable Timing timing;

        private Builder() {}

        Builder text(String text) {
            this.text = text;
            return this;
        }

        Builder reasoning(String reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        Builder reasoningParts(List<ReasoningPart> parts) {
            reasoningParts.clear();
            reasoningParts.addAll(parts);
            return this;
        }

        Builder toolCalls(List<ToolCall> calls) {
            toolCalls.clear();
            toolCalls.addAll(calls);
            return this;
        }

        Builder finishReason(FinishReason reason) {
            this.finishReason = reason;
            return this;
        }

        Builder usage(@Nullable Usage usage) {
            this.usage = usage;
            return this;
        }

        @Nullable
        Usage usage() {
            return usage;
        }

        Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        Builder model(String model) {
            this.model = model;
            return this;
        }

        Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        Builder responseId(@Nullable String responseId) {
            this.responseId = responseId;
            return this;
        }

        Builder responseModel(@Nullable String responseModel) {
            this.responseModel = responseModel;
            return this;
        }

        Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        Builder timeToFirstEvent(@Nullable Duration timeToFirstEvent) {
            this.timeToFirstEvent = timeToFirstEvent;
            return this;
        }

        Builder trace(RoutingTrace trace) {
            this.trace = trace;
            return this;
        }

        Builder cost(@Nullable Cost cost) {
            this.cost = cost;
            return this;
        }

        Builder timing(@Nullable Timing timing) {
            this.timing = timing;
            return this;
        }

        ChatResponse build() {
            return new ChatResponse(this);
        }
    }
}
