package dev.llmring.providers.google;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.WholeToolCalls;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code GenerateContentResponse}s, a whole body or one SSE chunk at a time, through the same code.
 *
 * <p>Gemini sends no end marker, and usage rides on every chunk; so the decoder remembers the last usage and the
 * finish reason and emits {@link StreamEvent.UsageReport} and {@link StreamEvent.Finish} when the answer ends
 * ({@link #onEnd()} or the end of {@link #decodeBody}). An answer that ended without a {@code finishReason} was cut
 * off and is a {@link ProviderFailure}.
 *
 * <p>Each body or frame is read with Jackson's streaming parser into a {@link GeminiChunk} (an array of them, rarely,
 * into one each), not into a tree, and its events are emitted once the whole of it was read, as the tree read did.
 */
final class GeminiDecoder implements ResponseDecoder {
    private static final Set<String> FILTERED = Set.of(
            "SAFETY",
            "RECITATION",
            "BLOCKLIST",
            "PROHIBITED_CONTENT",
            "SPII",
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT");

    private static final String BODY = "Gemini's answer";
    private static final String FRAME = "Gemini's stream frame";

    private final EventSink sink;
    private int toolCalls;
    private boolean requestIdSeen;
    private @Nullable String finish;
    private boolean promptBlocked;
    private @Nullable Usage usage;
    private boolean ended;
    /** Answer text since the last raw part, emitted as a raw text part before the next one to keep its place. */
    private final StringBuilder pendingText = new StringBuilder();
    /** The body or frame being read; the chunk reads parts of it again, rarely. */
    private final GeminiInput input = new GeminiInput();
    /** The object being decoded, its fields reused from frame to frame. */
    private final GeminiChunk chunk = new GeminiChunk(input);
    /** The chunks of a body or frame that is an array of them (rare), else null. */
    private @Nullable List<GeminiChunk> many;

    GeminiDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        try (JsonParser parser = ProviderJson.parser(body)) {
            if (parser instanceof UTF8StreamJsonParser) {
                input.set(body);
                read(parser, BODY);
            } else {
                // UTF-16 or -32 (a byte-order mark or zero bytes said so): the parser reads chars through a reader,
                // so read them all and decode that text, whose offsets are chars
                String text = parser.getInputSource() instanceof Reader reader
                        ? readAll(reader)
                        : new String(body, StandardCharsets.UTF_8);
                input.set(text);
                try (JsonParser again = ProviderJson.parser(text)) {
                    read(again, BODY);
                }
            }
        } catch (IOException e) {
            throw ProviderJson.malformed(e, BODY);
        } finally {
            input.clear();
        }
        emit();
        end();
    }

    private static String readAll(Reader reader) throws IOException {
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        return text.toString();
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        input.set(data);
        try (JsonParser parser = ProviderJson.parser(data)) {
            read(parser, FRAME);
        } catch (IOException e) {
            throw ProviderJson.malformed(e, FRAME);
        } finally {
            input.clear();
        }
        emit();
    }

    @Override
    public void onEnd() {
        end();
    }

    /**
     * Reads one whole body or frame, an object or (rarely) an array of them, refusing anything after it with the
     * words of the tree read it replaces.
     */
    private void read(JsonParser parser, String what) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) throw ProviderFailure.malformed(what + " is empty", null);
        many = null;
        if (first == JsonToken.START_ARRAY) {
            many = new ArrayList<>();
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                GeminiChunk one = new GeminiChunk(input);
                one.read(parser, element);
                many.add(one);
            }
        } else {
            chunk.read(parser, first);
        }
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw ProviderFailure.malformed(
                    what + " is not valid JSON: Trailing token (of type " + trailing
                            + ") found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as"
                            + " per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
                    null);
        }
    }

    private void emit() {
        if (many == null) {
            chunk(chunk);
        } else {
            for (GeminiChunk one : many) chunk(one);
            many = null;
        }
    }

    private void chunk(GeminiChunk chunk) {
        if (!chunk.object) throw ProviderFailure.malformed("Gemini sent a chunk that is not a JSON object", null);
        if (chunk.error != null) throw new ProviderFailure(GeminiErrors.fromError(chunk.error, 0));
        if (!requestIdSeen && chunk.responseId != null) {
            requestIdSeen = true;
            sink.requestId(chunk.responseId);
            sink.responseId(chunk.responseId);
        }
        if (chunk.modelVersion != null) sink.responseModel(chunk.modelVersion);
        if (chunk.usage) usage = usage(chunk);
        for (int i = 0; i < chunk.partCount(); i++) part(chunk.part(i));
        if (chunk.finishReason != null) {
            finish = chunk.finishReason;
        } else if (!promptBlocked && chunk.partCount() > 0) {
            finish = null; // content after a finishReason: the answer goes on, and must finish again at its end
        } else if (chunk.candidate == GeminiChunk.Candidate.MISSING && chunk.blockReason != null) {
            finish = chunk.blockReason;
            promptBlocked = true;
        }
    }

    /**
     * One part. A {@code thoughtSignature} becomes a {@link ReasoningPart}: on a function call, tied to the call's
     * id; on a thought, with the thought's text; on any other part, with empty text (sent back on the answer text).
     * A part that is none of text, thought or function call ({@code executableCode}, {@code codeExecutionResult},
     * {@code inlineData}, {@code fileData} …) becomes a {@linkplain ReasoningPart#raw raw part} holding the part's
     * JSON, after the answer text that came before it (as a raw text part, so that it keeps its place).
     */
    private void part(GeminiChunk.Part part) {
        if (part.kind == GeminiChunk.Kind.NOT_OBJECT) {
            throw ProviderFailure.malformed("Gemini sent a part that is not a JSON object", null);
        }
        if (part.kind == GeminiChunk.Kind.RAW) {
            if (!pendingText.isEmpty()) {
                String text = ProviderJson.write(
                        ProviderJson.mapper().createObjectNode().put("text", pendingText.toString()));
                pendingText.setLength(0);
                raw(text);
            }
            raw(part.text);
            return;
        }
        String signature = part.signature;
        if (part.kind == GeminiChunk.Kind.CALL) {
            String id = functionCall(part);
            if (signature != null && !signature.isBlank()) {
                sink.emit(new StreamEvent.ReasoningComplete(
                        ReasoningPart.toolCallSignature(GoogleProviderFactory.NAME, id, signature)));
            }
            return;
        }
        String text = part.text;
        boolean thought = part.thought;
        if (!text.isEmpty()) {
            sink.emit(thought ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
            if (!thought) pendingText.append(text);
        }
        if (signature != null && !signature.isBlank()) {
            sink.emit(new StreamEvent.ReasoningComplete(
                    ReasoningPart.thinking(GoogleProviderFactory.NAME, thought ? text : "", signature)));
        }
    }

    private void raw(String json) {
        sink.emit(new StreamEvent.ReasoningComplete(ReasoningPart.raw(GoogleProviderFactory.NAME, json)));
    }

    /** Gemini sends a function call whole (see {@link WholeToolCalls}); returns the call's id. */
    private String functionCall(GeminiChunk.Part call) {
        int index = toolCalls++;
        if (call.name.isEmpty()) throw ProviderFailure.malformed("Gemini sent a functionCall without a name", null);
        return WholeToolCalls.emit(sink, index, call.id, call.name, call.args);
    }

    /**
     * Gemini's counts: {@code candidatesTokenCount} excludes thoughts, so output = candidates + thoughts; tool-use
     * prompt tokens (search, code execution) are billed as input and counted in it.
     */
    private static Usage usage(GeminiChunk u) {
        long prompt = u.promptTokens + u.toolUsePromptTokens;
        long thoughts = u.thoughtsTokens;
        long output = u.candidatesTokens + thoughts;
        long cached = Math.min(u.cachedTokens, prompt);
        return Usage.builder()
                .inputTokens(prompt)
                .outputTokens(output)
                .cachedInputTokens(cached)
                .reasoningTokens(thoughts)
                .build();
    }

    private void end() {
        if (ended) return;
        if (finish == null) {
            throw ProviderFailure.malformed("Gemini's answer ended without a finishReason (cut off)", null);
        }
        ended = true;
        if (usage != null) sink.emit(new StreamEvent.UsageReport(usage));
        sink.emit(new StreamEvent.Finish(
                promptBlocked
                        ? FinishReason.of(FinishReason.CONTENT_FILTER, finish)
                        : finishReason(finish, toolCalls > 0)));
    }

    static FinishReason finishReason(String raw, boolean toolCalls) {
        if (FILTERED.contains(raw)) return FinishReason.of(FinishReason.CONTENT_FILTER, raw);
        return switch (raw) {
            case "STOP" -> FinishReason.of(toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP, raw);
            case "MAX_TOKENS" -> FinishReason.of(FinishReason.LENGTH, raw);
            default -> FinishReason.other(raw);
        };
    }
}
