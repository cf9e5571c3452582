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

    /** A piece of the answer's text. */
    record TextDelta(String text) implements StreamEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A piece of the model's reasoning (thinking), never part of the answer text. */
    record ReasoningDelta(String text) implements StreamEvent {
        public ReasoningDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A complete provider-opaque reasoning part (e.g. an Anthropic thinking block with its signature), delivered when
     * its block ends; its text, if any, came before as {@link ReasoningDelta}s.
     */
    record ReasoningComplete(ReasoningPart part) implements StreamEvent {
        public ReasoningComplete {
            Objects.requireNonNull(part, "part");
        }
    }

    /** A tool call begins; {@code index} orders the calls of one answer and keys the deltas that follow. */
    record ToolCallStart(int index, String id, String name) implements StreamEvent {
        public ToolCallStart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A fragment of the JSON arguments of the tool call at {@code index}. */
    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {
        public ToolCallDelta {
            Objects.requireNonNull(argumentsFragment, "argumentsFragment");
        }
    }

    /** The tool call at {@code index} is complete. */
    record ToolCallComplete(int index, ToolCall call) implements StreamEvent {
        public ToolCallComplete {
            Objects.requireNonNull(call, "call");
        }
    }

    /** Token usage of the call. May come more than once; later reports replace earlier ones. */
    record UsageReport(Usage usage) implements StreamEvent {
        public UsageReport {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** The answer is complete. Always the last event of a successful stream. */
    record Finish(FinishReason reason) implements StreamEvent {
        public Finish {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
