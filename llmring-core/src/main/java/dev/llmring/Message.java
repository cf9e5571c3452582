package dev.llmring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation. Build the common ones with the factories ({@link #system}, {@link #user},
 * {@link #assistant}, {@link #toolResult}); {@link #builder(Role)} covers the rest.
 */
public final class Message {
    private final Role role;
    private final List<ContentPart> content;
    private final List<ToolCall> toolCalls;
    private final @Nullable String toolCallId;
    private final @Nullable String reasoning;
    private final List<ReasoningPart> reasoningParts;

    private Message(Builder b) {
        this.role = b.role;
        this.content = List.copyOf(b.content);
        this.toolCalls = List.copyOf(b.toolCalls);
        this.toolCallId = b.toolCallId;
        this.reasoning = b.reasoning;
        this.reasoningParts = List.copyOf(b.reasoningParts);
        if (!reasoningParts.isEmpty() && !role.equals(Role.ASSISTANT)) {
            throw new IllegalArgumentException("only assistant messages carry reasoning parts, not " + role);
        }
        if (role.equals(Role.TOOL) && toolCallId == null) {
            throw new IllegalArgumentException("a tool message needs the id of the tool call it answers");
        }
        if (!toolCalls.isEmpty() && !role.equals(Role.ASSISTANT)) {
            throw new IllegalArgumentException("only assistant messages carry tool calls, not " + role);
        }
        if (content.isEmpty() && toolCalls.isEmpty()) {
            throw new IllegalArgumentException("a " + role + " message needs content or tool calls");
        }
    }

    /**
     * A system message: instructions for the model.
     *
     * @param text the instructions; may be empty
     * @return the message
     */
    public static Message system(String text) {
        return builder(Role.SYSTEM).text(text).build();
    }

    /**
     * A user message holding text.
     *
     * @param text the user's words; may be empty
     * @return the message
     */
    public static Message user(String text) {
        return builder(Role.USER).text(text).build();
    }

    /**
     * A user message of several parts, e.g. text and an image, in the order given.
     *
     * @param parts the parts; at least one, none null
     * @return the message
     * @throws IllegalArgumentException when no part is given
     */
    public static Message user(ContentPart... parts) {
        return builder(Role.USER).content(Arrays.asList(parts)).build();
    }

    /**
     * An assistant message holding text, e.g. an earlier answer of a conversation being replayed.
     *
     * @param text the assistant's words; may be empty
     * @return the message
     */
    public static Message assistant(String text) {
        return builder(Role.ASSISTANT).text(text).build();
    }

    /**
     * The assistant turn of a response, to continue a conversation: its reasoning parts, text and tool calls (the
     * same as {@link ChatResponse#assistantMessage()}).
     *
     * @param response the response whose turn to continue from
     * @return the assistant message
     * @throws IllegalArgumentException when the response has neither text nor tool calls
     */
    public static Message assistant(ChatResponse response) {
        Builder b = builder(Role.ASSISTANT)
                .reasoningParts(response.reasoningParts())
                .toolCalls(response.toolCalls());
        if (!response.text().isEmpty()) b.text(response.text());
        return b.build();
    }

    /**
     * The result of the tool call {@code toolCallId}, as text (often JSON).
     *
     * @param toolCallId the id of the call it answers ({@link ToolCall#id()})
     * @param result what the tool returned
     * @return a {@link Role#TOOL} message
     */
    public static Message toolResult(String toolCallId, String result) {
        return builder(Role.TOOL).toolCallId(toolCallId).text(result).build();
    }

    /**
     * A builder for a message of any shape, e.g. an assistant turn with tool calls.
     *
     * @param role who speaks
     * @return an empty builder
     */
    public static Builder builder(Role role) {
        return new Builder(role);
    }

    /** {@return who speaks} */
    public Role role() {
        return role;
    }

    /** {@return the content parts, in order, unmodifiable; empty for an assistant turn of tool calls only} */
    public List<ContentPart> content() {
        return content;
    }

    /** {@return the text parts joined, without separators} */
    public String text() {
        return content.stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text())
                .collect(Collectors.joining());
    }

    /** {@return the tool calls of an assistant turn, in order, unmodifiable; empty otherwise} */
    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    /** {@return the id of the call a {@link Role#TOOL} message answers; empty for other roles} */
    public Optional<String> toolCallId() {
        return Optional.ofNullable(toolCallId);
    }

    /**
     * {@return the reasoning (thinking) text of an earlier assistant turn, for providers that want it back; empty when
     * unset}
     */
    public Optional<String> reasoning() {
        return Optional.ofNullable(reasoning);
    }

    /**
     * Provider-opaque reasoning state of an assistant turn (thinking blocks with signatures, redacted blocks), in the
     * order the provider sent it; adapters send back their own provider's parts before the turn's text and tool
     * calls and leave other providers' parts out. Empty for other roles.
     *
     * @return the reasoning parts, unmodifiable
     */
    public List<ReasoningPart> reasoningParts() {
        return reasoningParts;
    }

    /** {@return whether any part carries a cache hint} */
    public boolean hasCacheHint() {
        return content.stream().anyMatch(ContentPart::cacheHint);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Message m
                && m.role.equals(role)
                && m.content.equals(content)
                && m.toolCalls.equals(toolCalls)
                && Objects.equals(m.toolCallId, toolCallId)
                && Objects.equals(m.reasoning, reasoning)
                && m.reasoningParts.equals(reasoningParts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, content, toolCalls, toolCallId, reasoning, reasoningParts);
    }

    /** Names the role and the shape of the content, never the content itself. */
    @Override
    public String toString() {
        return "Message[" + role + ", " + content + (toolCalls.isEmpty() ? "" : ", " + toolCalls) + "]";
    }

    /** Builds a {@link Message}. */
    public static final class Builder {
        private final Role role;
        private final List<ContentPart> content = new ArrayList<>();
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private @Nullable String toolCallId;
        private @Nullable String reasoning;
        private final List<ReasoningPart> reasoningParts = new ArrayList<>();

        private Builder(Role role) {
            this.role = Objects.requireNonNull(role, "role");
        }

        /**
         * Appends a text part.
         *
         * @param text the text; may be empty
         * @return this builder
         */
        public Builder text(String text) {
            content.add(ContentPart.text(text));
            return this;
        }

        /**
         * Appends a content part (text, image or document).
         *
         * @param part the part
         * @return this builder
         */
        public Builder part(ContentPart part) {
            content.add(Objects.requireNonNull(part, "part"));
            return this;
        }

        /**
         * Appends each of {@code parts}, in order.
         *
         * @param parts the parts; none may be null
         * @return this builder
         */
        public Builder content(List<? extends ContentPart> parts) {
            parts.forEach(this::part);
            return this;
        }

        /**
         * Appends a tool call (assistant messages only, checked by {@link #build()}).
         *
         * @param call the call, as a response gave it
         * @return this builder
         */
        public Builder toolCall(ToolCall call) {
            toolCalls.add(Objects.requireNonNull(call, "call"));
            return this;
        }

        /**
         * Appends each of {@code calls}, in order (see {@link #toolCall}).
         *
         * @param calls the calls; none may be null
         * @return this builder
         */
        public Builder toolCalls(List<ToolCall> calls) {
            calls.forEach(this::toolCall);
            return this;
        }

        /**
         * Sets the id of the tool call a {@link Role#TOOL} message answers; required for that role.
         *
         * @param id the call's id ({@link ToolCall#id()})
         * @return this builder
         */
        public Builder toolCallId(String id) {
            this.toolCallId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the reasoning (thinking) text of an earlier assistant turn, for providers that want it back. Unset by
         * default.
         *
         * @param reasoning the reasoning text
         * @return this builder
         */
        public Builder reasoning(String reasoning) {
            this.reasoning = Objects.requireNonNull(reasoning, "reasoning");
            return this;
        }

        /**
         * Adds a provider-opaque reasoning part (assistant messages only), kept in the order added.
         *
         * @param part the part, as a response gave it
         * @return this builder
         */
        public Builder reasoningPart(ReasoningPart part) {
            reasoningParts.add(Objects.requireNonNull(part, "part"));
            return this;
        }

        /**
         * Adds reasoning parts in order (see {@link #reasoningPart}).
         *
         * @param parts the parts, as a response gave them
         * @return this builder
         */
        public Builder reasoningParts(List<ReasoningPart> parts) {
            parts.forEach(this::reasoningPart);
            return this;
        }

        /**
         * Builds the message.
         *
         * @return the message
         * @throws IllegalArgumentException when the message is inconsistent: no content and no tool calls, a tool message
         *     without call id, or tool calls or reasoning parts on a role other than assistant
         */
        public Message build() {
            return new Message(this);
        }
    }
}
