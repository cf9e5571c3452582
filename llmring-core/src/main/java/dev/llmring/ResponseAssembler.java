package dev.llmring;

import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds a response from {@link StreamEvent}s: the one assembler behind both {@link LlmRing#chat} (a decoder fills
 * it directly from a body) and {@link LlmRing#stream} (the stream feeds it each event as the caller receives it).
 * Tool calls are kept in index order; a call that got a start but no complete event is assembled from its
 * fragments. Not thread-safe. Cheap when little happens: an answer that arrives as one text delta (every
 * non-streamed one) keeps that string as it is, and the tool-call maps exist only once a tool call does.
 */
final class ResponseAssembler implements EventSink {
    private final Text text = new Text();
    private final Text reasoning = new Text();
    private @Nullable List<ReasoningPart> reasoningParts;
    private @Nullable Map<Integer, ToolCall> complete;
    private @Nullable Map<Integer, Partial> partial;
    private @Nullable Usage usage;
    private @Nullable FinishReason finish;
    private @Nullable String requestId;
    private @Nullable String responseId;
    private @Nullable String responseModel;

    private static final class Partial {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        Partial(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** Appended text: the first piece as it came, a builder from the second on. */
    private static final class Text {
        private @Nullable String first;
        private @Nullable StringBuilder joined;

        void append(String piece) {
            StringBuilder j = joined;
            if (j != null) {
                j.append(piece);
            } else if (first == null) {
                first = piece;
            } else {
                joined = new StringBuilder(Math.max(64, 4 * (first.length() + piece.length())))
                        .append(first)
                        .append(piece);
                first = null;
            }
        }

        @Override
        public String toString() {
            StringBuilder j = joined;
            return j != null ? j.toString() : first != null ? first : "";
        }
    }

    @Override
    public void emit(StreamEvent event) {
        if (event instanceof StreamEvent.TextDelta d) {
            text.append(d.text());
        } else if (event instanceof StreamEvent.ReasoningDelta d) {
            reasoning.append(d.text());
        } else if (event instanceof StreamEvent.ReasoningComplete r) {
            List<ReasoningPart> parts = reasoningParts;
            if (parts == null) reasoningParts = parts = new ArrayList<>();
            parts.add(r.part());
        } else if (event instanceof StreamEvent.ToolCallStart s) {
            partials().put(s.index(), new Partial(s.id(), s.name()));
        } else if (event instanceof StreamEvent.ToolCallDelta d) {
            Partial p = partial == null ? null : partial.get(d.index());
            if (p != null) p.arguments.append(d.argumentsFragment());
        } else if (event instanceof StreamEvent.ToolCallComplete c) {
            Map<Integer, ToolCall> done = complete;
            if (done == null) complete = done = new TreeMap<>();
            done.put(c.index(), c.call());
            if (partial != null) partial.remove(c.index());
        } else if (event instanceof StreamEvent.UsageReport u) {
            usage = u.usage();
        } else if (event instanceof StreamEvent.Finish f) {
            finish = f.reason();
        }
    }

    private Map<Integer, Partial> partials() {
        Map<Integer, Partial> p = partial;
        if (p == null) partial = p = new TreeMap<>();
        return p;
    }

    @Override
    public void requestId(String requestId) {
        this.requestId = requestId;
    }

    @Override
    public void responseId(String responseId) {
        if (this.responseId == null) this.responseId = responseId;
    }

    @Override
    public void responseModel(String responseModel) {
        if (this.responseModel == null) this.responseModel = responseModel;
    }

    @Nullable
    String requestId() {
        return requestId;
    }

    @Nullable
    Usage usage() {
        return usage;
    }

    /** Whether an event is content: once one reached the caller, a stream is committed to its binding. */
    static boolean isContent(StreamEvent event) {
        return !(event instanceof StreamEvent.UsageReport);
    }

    /**
     * The response so far, with the binding's provider and model and {@code requestId} (cleaned by the caller,
     * {@link Failures#requestId}), and the answer's own id and model cleaned by {@code failures}; the router adds
     * latency and trace.
     *
     * @throws ProviderFailure when the answer never said it was finished
     */
    ChatResponse.Builder toBuilder(Target target, @Nullable String requestId, Failures failures) {
        if (finish == null) throw ProviderFailure.malformed("the answer ended without a finish event", null);
        List<ToolCall> calls = List.of();
        if (complete != null || partial != null) {
            Map<Integer, ToolCall> all = complete == null ? new TreeMap<>() : new TreeMap<>(complete);
            if (partial != null) {
                partial.forEach((i, p) -> all.put(i, new ToolCall(p.id, p.name, p.arguments.toString())));
            }
            calls = new ArrayList<>(all.values());
        }
        return ChatResponse.builder()
                .text(text.toString())
                .reasoning(reasoning.toString())
                .reasoningParts(reasoningParts == null ? List.of() : reasoningParts)
                .toolCalls(calls)
                .finishReason(finish)
                .usage(usage)
                .provider(target.provider())
                .model(target.model())
                .requestId(requestId)
                .responseId(failures.requestId(responseId))
                .responseModel(failures.requestId(responseModel));
    }
}
