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
 * fragments. Not thread-safe.
 */
final class ResponseAssembler implements EventSink {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final Map<Integer, ToolCall> complete = new TreeMap<>();
    private final Map<Integer, Partial> partial = new TreeMap<>();
    private @Nullable Usage usage;
    private @Nullable FinishReason finish;
    private @Nullable String requestId;

    private static final class Partial {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        Partial(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Override
    public void emit(StreamEvent event) {
        if (event instanceof StreamEvent.TextDelta d) {
            text.append(d.text());
        } else if (event instanceof StreamEvent.ReasoningDelta d) {
            reasoning.append(d.text());
        } else if (event instanceof StreamEvent.ToolCallStart s) {
            partial.put(s.index(), new Partial(s.id(), s.name()));
        } else if (event instanceof StreamEvent.ToolCallDelta d) {
            Partial p = partial.get(d.index());
            if (p != null) p.arguments.append(d.argumentsFragment());
        } else if (event instanceof StreamEvent.ToolCallComplete c) {
            complete.put(c.index(), c.call());
            partial.remove(c.index());
        } else if (event instanceof StreamEvent.UsageReport u) {
            usage = u.usage();
        } else if (event instanceof StreamEvent.Finish f) {
            finish = f.reason();
        }
    }

    @Override
    public void requestId(String requestId) {
        this.requestId = requestId;
    }

    @Nullable String requestId() {
        return requestId;
    }

    @Nullable Usage usage() {
        return usage;
    }

    /** Whether an event is content: once one reached the caller, a stream is committed to its binding. */
    static boolean isContent(StreamEvent event) {
        return !(event instanceof StreamEvent.UsageReport);
    }

    /**
     * The response so far, with the binding's provider and model; the router adds latency and trace.
     *
     * @throws ProviderFailure when the answer never said it was finished
     */
    ChatResponse.Builder toBuilder(Target target, @Nullable String headerRequestId) {
        if (finish == null) throw ProviderFailure.malformed("the answer ended without a finish event", null);
        List<ToolCall> calls = new ArrayList<>(complete.size() + partial.size());
        Map<Integer, ToolCall> all = new TreeMap<>(complete);
        partial.forEach((i, p) -> all.put(i, new ToolCall(p.id, p.name, p.arguments.toString())));
        calls.addAll(all.values());
        return ChatResponse.builder()
                .text(text.toString())
                .reasoning(reasoning.toString())
                .toolCalls(calls)
                .finishReason(finish)
                .usage(usage)
                .provider(target.provider())
                .model(target.model())
                .requestId(headerRequestId != null ? headerRequestId : requestId);
    }
}
