package dev.llmring.providers.openai;

import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Assembles tool calls from fragments keyed by OpenAI's {@code index}. The first fragment of a call normally carries
 * its id and function name, later ones only argument pieces; calls may interleave. A call starts (one
 * {@link StreamEvent.ToolCallStart}) as soon as its name is known; argument pieces that came earlier are then
 * delivered as one delta. A call whose id never arrives (some compatible servers) gets {@code call_<n>}.
 *
 * <p>The wire {@code index} is not trusted to tell calls apart: Ollama's compatible endpoint sends {@code index: 0}
 * for every one of several parallel calls, and other servers omit it (the decoder then passes the fragment's
 * position in its chunk). A fragment whose id differs from the id of the call open at its index starts a new call.
 * Calls are numbered (the events' {@code index}) in the order they start.
 */
final class ToolCallAssembler {
    private final EventSink sink;
    private final List<Pending> calls = new ArrayList<>();
    /** The call each wire index currently points at. */
    private final Map<Integer, Pending> open = new HashMap<>();

    ToolCallAssembler(EventSink sink) {
        this.sink = sink;
    }

    private static final class Pending {
        final int number;

        /** The id the server sent, null until it does. */
        @Nullable
        String wireId;

        @Nullable
        String name;

        final StringBuilder arguments = new StringBuilder();
        boolean started;
        boolean complete;

        Pending(int number) {
            this.number = number;
        }

        String id() {
            return wireId != null ? wireId : "call_" + number;
        }
    }

    /** One fragment: any of id, name and an arguments piece may be null. */
    void fragment(int index, @Nullable String id, @Nullable String name, @Nullable String arguments) {
        boolean hasId = id != null && !id.isEmpty();
        Pending call = open.get(index);
        if (call == null || (hasId && call.wireId != null && !call.wireId.equals(id))) {
            call = new Pending(calls.size());
            calls.add(call);
            open.put(index, call);
        }
        if (call.complete) return;
        if (call.wireId == null && hasId) call.wireId = id;
        if (call.name == null && name != null && !name.isEmpty()) call.name = name;
        boolean wasStarted = call.started;
        boolean hasArguments = arguments != null && !arguments.isEmpty();
        if (hasArguments) call.arguments.append(arguments);
        if (!wasStarted && call.name != null) {
            call.started = true;
            sink.emit(new StreamEvent.ToolCallStart(call.number, call.id(), call.name));
            if (call.arguments.length() > 0) {
                sink.emit(new StreamEvent.ToolCallDelta(call.number, call.arguments.toString()));
            }
        } else if (wasStarted && hasArguments) {
            sink.emit(new StreamEvent.ToolCallDelta(call.number, arguments));
        }
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /**
     * Completes every open call, in the order they started.
     *
     * @throws ProviderFailure when a call never got its function name
     */
    void completeAll() {
        for (Pending call : calls) {
            if (call.complete) continue;
            if (!call.started) {
                throw ProviderFailure.malformed("tool call " + call.number + " has no function name", null);
            }
            call.complete = true;
            sink.emit(new StreamEvent.ToolCallComplete(
                    call.number,
                    new ToolCall(call.id(), Objects.requireNonNull(call.name), call.arguments.toString())));
        }
    }
}
