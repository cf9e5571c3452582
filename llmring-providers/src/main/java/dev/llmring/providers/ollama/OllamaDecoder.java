package dev.llmring.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.WholeToolCalls;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code /api/chat} answers: a non-streamed body is one object with {@code "done": true}, a stream is one
 * such object per line, the last with {@code "done": true}; both go through {@link #line}. Until a done line has
 * arrived the answer is incomplete: {@link #onEnd()} then throws.
 */
final class OllamaDecoder implements ResponseDecoder {
    private final EventSink sink;
    private int toolCalls;
    private boolean done;

    OllamaDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        line(ProviderJson.parse(body, "Ollama's answer"));
        onEnd();
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        line(ProviderJson.parse(data, "Ollama's stream line"));
    }

    @Override
    public void onEnd() {
        if (!done) {
            throw ProviderFailure.malformed("Ollama's answer ended before its \"done\": true line (cut off)", null);
        }
    }

    private void line(JsonNode line) {
        if (!line.isObject()) throw ProviderFailure.malformed("Ollama sent a line that is not a JSON object", null);
        String error = OllamaErrors.errorMessage(line);
        if (error != null) throw new ProviderFailure(OllamaErrors.fromMessage(error, 0));
        if (done) return;
        String model = ProviderJson.text(line, "model");
        if (model != null) sink.responseModel(model);
        JsonNode message = line.path("message");
        String thinking = message.path("thinking").asText("");
        if (!thinking.isEmpty()) sink.emit(new StreamEvent.ReasoningDelta(thinking));
        String content = message.path("content").asText("");
        if (!content.isEmpty()) sink.emit(new StreamEvent.TextDelta(content));
        for (JsonNode call : message.path("tool_calls")) toolCall(call);
        if (line.path("done").asBoolean(false)) finish(line);
    }

    /** Ollama sends a tool call whole (see {@link WholeToolCalls}); its arguments come as an object or as text. */
    private void toolCall(JsonNode call) {
        int index = toolCalls++;
        JsonNode function = call.path("function");
        String name = function.path("name").asText("");
        if (name.isEmpty()) throw ProviderFailure.malformed("Ollama sent a tool call without a name", null);
        JsonNode arguments = function.get("arguments");
        String args = arguments == null || arguments.isNull()
                ? "{}"
                : arguments.isTextual() ? arguments.asText() : ProviderJson.write(arguments);
        WholeToolCalls.emit(sink, index, call.path("id").asText(""), name, args);
    }

    private void finish(JsonNode line) {
        done = true;
        if (line.has("prompt_eval_count") || line.has("eval_count")) {
            sink.emit(new StreamEvent.UsageReport(Usage.builder()
                    .inputTokens(line.path("prompt_eval_count").asLong(0))
                    .outputTokens(line.path("eval_count").asLong(0))
                    .build()));
        }
        sink.emit(new StreamEvent.Finish(finishReason(line.path("done_reason").asText("stop"), toolCalls > 0)));
    }

    static FinishReason finishReason(String raw, boolean toolCalls) {
        return switch (raw) {
            case "stop" -> toolCalls ? FinishReason.of(FinishReason.TOOL_CALLS, raw) : FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.other(raw);
        };
    }
}
