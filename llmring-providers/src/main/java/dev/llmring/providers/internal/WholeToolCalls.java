package dev.llmring.providers.internal;

import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.spi.EventSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tool calls that arrive whole (Gemini, Ollama) rather than in fragments: each becomes a start, one delta with all
 * its arguments and a completion, so that callers see the same events from every provider. A call the provider sent
 * without an id gets a {@linkplain #stableId stable} one.
 */
public final class WholeToolCalls {
    private WholeToolCalls() {}

    /**
     * Emits call {@code index} to {@code sink}.
     *
     * @param sink where the events go
     * @param index the call's position in the answer, from 0
     * @param id the provider's id; blank when it gave none
     * @param name the tool's name
     * @param args the arguments as JSON text
     * @return the call's id: the provider's, or the stable one given when it sent none
     */
    public static String emit(EventSink sink, int index, String id, String name, String args) {
        String callId = id.isBlank() ? stableId(index, name, args) : id;
        sink.emit(new StreamEvent.ToolCallStart(index, callId, name));
        sink.emit(new StreamEvent.ToolCallDelta(index, args));
        sink.emit(new StreamEvent.ToolCallComplete(index, new ToolCall(callId, name, args)));
        return callId;
    }

    /**
     * A deterministic id for a call the provider gave none: {@code call_} and 24 hex digits of the SHA-256 of
     * index, name and arguments, so that the same answer always yields the same ids (replays, caches, receipts).
     *
     * @param index the call's position in the answer, from 0
     * @param name the tool's name
     * @param args the arguments as JSON text
     * @return {@code call_} and 24 lower-case hex digits
     */
    public static String stableId(int index, String name, String args) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((index + "\n" + name + "\n" + args).getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
