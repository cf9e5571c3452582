package dev.llmring.providers.openai;

import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles tool calls from fragments keyed by OpenAI's {@code index}. The first fragment of a call normally carries
 * its id and function name, later ones only argument pieces; calls may interleave. A call starts (one
 * {@link StreamEvent.ToolCallStart}) as soon as its name is known; argument pieces that came earlier are then
 * delivered as one delta. A call whose id never arrives (some compatible servers) gets {@code call_<index>}.
 */
final class ToolCallAssembler {
    private final EventSink sink;
    private final Map<Integer, Pending> calls = new TreeMap<>();

    ToolCallAssembler(EventSink sink) {
        this.sink = sink;
    }

    private static final class Pending {
        @Nullable
        String id;

        @Nullable
        String name;

        final StringBuilder arguments = new StringBuilder();
        boolean started;
        boolean complete;
    }

    /** One fragment: any of id, name and an arguments piece may be null. */
    void fragment(int index, @Nullable String id, @Nullable String name, @Nullable String arguments) {
        Pending call = calls.computeIfAbsent(index, i -> new Pending());
        if (call.complete) return;
        if (call.id == null && id != null && !id.isEmpty()) call.id = id;
        if (call.name == null && name != null && !name.isEmpty()) call.name = name;
        boolean wasStarted = call.started;
        boolean hasArguments = arguments != null && !arguments.isEmpty();
        if (hasArguments) call.arguments.append(arguments);
        if (!wasStarted && call.name != null) {
            if (call.id == null) call.id = "call_" + index;
            call.started = true;
            sink.emit(new StreamEvent.ToolCallStart(index, call.id, call.name));
            if (call.arguments.length() > 0) sink.emit(new StreamEvent.ToolCallDelta(index, call.arguments.toString()));
        } else if (wasStarted && hasArguments) {
            sink.emit(new StreamEvent.ToolCallDelta(index, arguments));
        }
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /**
     * Completes every open call, in index order.
     *
     * @throws ProviderFailure when a call never got its function name
     */
    void completeAll() {
        for (Map.Entry<Integer, Pending> entry : calls.entrySet()) {
            Pending call = entry.getValue();
            if (call.complete) continue;
            if (!call.started) {
                throw ProviderFailure.malformed("tool call at index " + entry.getKey() + " has no function name", null);
            }
            call.complete = true;
            sink.emit(new StreamEvent.ToolCallComplete(
                    entry.getKey(),
                    new ToolCall(
                            Objects.requireNonNull(call.id),
                            Objects.requireNonNull(call.name),
                            call.arguments.toString())));
        }
    }
}
