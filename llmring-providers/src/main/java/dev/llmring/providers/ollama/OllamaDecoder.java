package dev.llmring.providers.ollama;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.WholeToolCalls;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code /api/chat} answers: a non-streamed body is one object with {@code "done": true}, a stream is one
 * such object per line, the last with {@code "done": true}; both are read with Jackson's streaming parser into an
 * {@link OllamaLine} (no tree per line) and emitted once the whole line was read. Until a done line has arrived the
 * answer is incomplete: {@link #onEnd()} then throws.
 */
final class OllamaDecoder implements ResponseDecoder {
    private final EventSink sink;
    /** The line being decoded, its fields reused from line to line. */
    private final OllamaLine line = new OllamaLine();

    private int toolCalls;
    private boolean done;

    OllamaDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        try (JsonParser parser = ProviderJson.parser(body)) {
            line(parser, "Ollama's answer");
        } catch (IOException e) {
            throw ProviderJson.malformed(e, "Ollama's answer");
        }
        if (line.error) throw failure(ProviderJson.parse(body, "Ollama's answer"));
        emit();
        onEnd();
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        try (JsonParser parser = ProviderJson.parser(data)) {
            line(parser, "Ollama's stream line");
        } catch (IOException e) {
            throw ProviderJson.malformed(e, "Ollama's stream line");
        }
        if (line.error) throw failure(ProviderJson.parse(data, "Ollama's stream line"));
        emit();
    }

    @Override
    public void onEnd() {
        if (!done) {
            throw ProviderFailure.malformed("Ollama's answer ended before its \"done\": true line (cut off)", null);
        }
    }

    /** Reads one whole line into {@link #line}, refusing anything after it as a tree read does. */
    private void line(JsonParser parser, String what) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) throw ProviderFailure.malformed(what + " is empty", null);
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            ProviderJson.end(parser, what);
            throw ProviderFailure.malformed("Ollama sent a line that is not a JSON object", null);
        }
        line.read(parser);
        ProviderJson.end(parser, what);
    }

    /** An {@code {"error": …}} line; rare, so its tree is read again from the text. */
    private static ProviderFailure failure(JsonNode root) {
        String error = OllamaErrors.errorMessage(root);
        return new ProviderFailure(OllamaErrors.fromMessage(error == null ? "error" : error, 0));
    }

    private void emit() {
        if (done) return;
        if (line.model != null) sink.responseModel(line.model);
        if (!line.thinking.isEmpty()) sink.emit(new StreamEvent.ReasoningDelta(line.thinking));
        if (!line.content.isEmpty()) sink.emit(new StreamEvent.TextDelta(line.content));
        for (OllamaLine.Call call : line.calls) toolCall(call);
        if (line.done) finish();
    }

    /** Ollama sends a tool call whole (see {@link WholeToolCalls}); its arguments come as an object or as text. */
    private void toolCall(OllamaLine.Call call) {
        int index = toolCalls++;
        if (call.name().isEmpty()) throw ProviderFailure.malformed("Ollama sent a tool call without a name", null);
        WholeToolCalls.emit(sink, index, call.id(), call.name(), call.arguments());
    }

    private void finish() {
        done = true;
        if (line.counts) {
            sink.emit(new StreamEvent.UsageReport(Usage.builder()
                    .inputTokens(line.promptEvalCount)
                    .outputTokens(line.evalCount)
                    .build()));
        }
        sink.emit(new StreamEvent.Finish(finishReason(line.doneReason, toolCalls > 0)));
    }

    static FinishReason finishReason(String raw, boolean toolCalls) {
        return switch (raw) {
            case "stop" -> toolCalls ? FinishReason.of(FinishReason.TOOL_CALLS, raw) : FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.other(raw);
        };
    }
}
