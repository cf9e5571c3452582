package dev.llmring;

import java.util.Objects;

/**
 * One event of a streamed answer. Every adapter produces the same kinds in the same order: text and reasoning deltas
 * as they arrive; for each tool call a {@link ToolCallStart}, zero or more {@link ToolCallDelta}s and a
 * {@link ToolCallComplete}; then {@link UsageReport} (when the provider reports usage) and {@link Finish} last.
 *
 * <p>Non-streamed answers are decoded through the same events, so both paths assemble the same response.
 */
public sealed interface StreamEvent {

    /**
     * A piece of the answer's text.
     *
     * @param text the piece; may be empty
     */
    record TextDelta(String text) implements StreamEvent {
        /**
         * Checks that the text is not null.
         *
         * @param text the piece; may be empty
         */
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A piece of the model's reasoning (thinking), never part of the answer text.
     *
     * @param text the piece; may be empty
     */
    record ReasoningDelta(String text) implements StreamEvent {
        /**
         * Checks that the text is not null.
         *
         * @param text the piece; may be empty
         */
        public ReasoningDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A complete provider-opaque reasoning part (e.g. an Anthropic thinking block with its signature), delivered when
     * its block ends; its text, if any, came before as {@link ReasoningDelta}s.
     *
     * @param part the complete part, to be sent back with the assistant turn
     */
    record ReasoningComplete(ReasoningPart part) implements StreamEvent {
        /**
         * Checks that the part is not null.
         *
         * @param part the complete part, to be sent back with the assistant turn
         */
        public ReasoningComplete {
            Objects.requireNonNull(part, "part");
        }
    }

    /**
     * A tool call begins; {@code index} orders the calls of one answer and keys the deltas that follow.
     *
     * @param index the call's position among the answer's tool calls
     * @param id the provider's id of the call, which the tool result must name
     * @param name the name of the tool called
     */
    record ToolCallStart(int index, String id, String name) implements StreamEvent {
        /**
         * Checks that id and name are not null.
         *
         * @param index the call's position among the answer's tool calls
         * @param id the provider's id of the call, which the tool result must name
         * @param name the name of the tool called
         */
        public ToolCallStart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A fragment of the JSON arguments of the tool call at {@code index}.
     *
     * @param index the call's position, as in its {@link ToolCallStart}
     * @param argumentsFragment the next piece of the arguments' JSON text, not valid JSON on its own
     */
    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {
        /**
         * Checks that the fragment is not null.
         *
         * @param index the call's position, as in its {@link ToolCallStart}
         * @param argumentsFragment the next piece of the arguments' JSON text, not valid JSON on its own
         */
        public ToolCallDelta {
            Objects.requireNonNull(argumentsFragment, "argumentsFragment");
        }
    }

    /**
     * The tool call at {@code index} is complete.
     *
     * @param index the call's position, as in its {@link ToolCallStart}
     * @param call the complete call, with all of its arguments
     */
    record ToolCallComplete(int index, ToolCall call) implements StreamEvent {
        /**
         * Checks that the call is not null.
         *
         * @param index the call's position, as in its {@link ToolCallStart}
         * @param call the complete call, with all of its arguments
         */
        public ToolCallComplete {
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * Token usage of the call. May come more than once; later reports replace earlier ones.
     *
     * @param usage the usage reported so far
     */
    record UsageReport(Usage usage) implements StreamEvent {
        /**
         * Checks that the usage is not null.
         *
         * @param usage the usage reported so far
         */
        public UsageReport {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /**
     * The answer is complete. Always the last event of a successful stream.
     *
     * @param reason why the model stopped
     */
    record Finish(FinishReason reason) implements StreamEvent {
        /**
         * Checks that the reason is not null.
         *
         * @param reason why the model stopped
         */
        public Finish {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
