package dev.llmring.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a Chat Completions answer, streamed ({@code chat.completion.chunk} frames ending in {@code [DONE]}) or not
 * ({@code chat.completion}), into the same events: a complete message is decoded as if it were one big delta.
 *
 * <p>Order: reasoning and text deltas and tool-call fragments as they come; tool calls complete when the
 * {@code finish_reason} arrives; usage when it arrives (with {@code include_usage}, the last chunk before
 * {@code [DONE]}, with {@code "choices": []}); {@link StreamEvent.Finish} at {@code [DONE]}, or at the end of the
 * body when a {@code finish_reason} was seen (see the package documentation).
 */
final class OpenAiDecoder implements ResponseDecoder {
    private static final String DONE = "[DONE]";

    private final EventSink sink;
    private final @Nullable ApiKey apiKey;
    private final ToolCallAssembler toolCalls;
    private @Nullable String finishReason;
    private boolean refused;
    private boolean done;
    private boolean finished;
    private boolean usageSeen;
    private boolean metadataSeen;

    OpenAiDecoder(EventSink sink, @Nullable ApiKey apiKey) {
        this.sink = sink;
        this.apiKey = apiKey;
        this.toolCalls = new ToolCallAssembler(sink);
    }

    @Override
    public void decodeBody(byte[] body) {
        JsonNode root = ProviderJson.parseObject(body, "response body");
        failOnError(root);
        metadata(root);
        JsonNode choice = firstChoice(root);
        if (choice == null) throw ProviderFailure.malformed("response has no choice at index 0", null);
        JsonNode message = choice.path("message");
        reasoning(message);
        text(message.get("content"));
        refusal(message.get("refusal"));
        JsonNode calls = message.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            toolCall(calls.get(i), i);
        }
        finishReason(choice);
        usage(root);
        finish();
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        if (done) return;
        String trimmed = data.trim();
        if (trimmed.equals(DONE)) {
            done = true;
            finish();
            return;
        }
        JsonNode chunk = ProviderJson.parseObject(trimmed, "stream frame");
        failOnError(chunk);
        if ("error".equals(event)) {
            throw new ProviderFailure(OpenAiErrors.fromErrorObject(chunk, 0, apiKey));
        }
        metadata(chunk);
        JsonNode choice = firstChoice(chunk);
        if (choice != null) {
            JsonNode delta = choice.path("delta");
            reasoning(delta);
            text(delta.get("content"));
            refusal(delta.get("refusal"));
            JsonNode calls = delta.path("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                toolCall(calls.get(i), i);
            }
            finishReason(choice);
        }
        usage(chunk);
    }

    /**
     * The body ended. With {@code [DONE]} the stream was complete. Without it (some compatible servers omit the
     * marker) it is complete only if both the {@code finish_reason} and the usage chunk arrived: every stream asks
     * for usage ({@code include_usage}), and its chunk comes after the finish reason, so a stream cut between the two
     * is a cut stream, not a short success.
     */
    @Override
    public void onEnd() {
        if (done) return;
        if (finishReason == null) {
            throw ProviderFailure.malformed("stream ended before data: [DONE] and before any finish_reason", null);
        }
        if (!usageSeen) {
            throw ProviderFailure.malformed(
                    "stream ended after its finish_reason but before the usage chunk and data: [DONE] (cut off)", null);
        }
        finish();
    }

    /** An {@code {"error": …}} object inside a 2xx answer is the provider's error, classified like an HTTP one. */
    private void failOnError(JsonNode root) {
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            throw new ProviderFailure(OpenAiErrors.fromErrorObject(root, 0, apiKey));
        }
    }

    /** The answer's {@code id} and {@code model}: every chunk repeats them, so the first one says. */
    private void metadata(JsonNode root) {
        if (metadataSeen) return;
        metadataSeen = true;
        String id = ProviderJson.text(root, "id");
        if (id != null) sink.responseId(id);
        String model = ProviderJson.text(root, "model");
        if (model != null) sink.responseModel(model);
    }

    /** The choice with {@code index} 0 (a missing index counts as 0); null when there is none. */
    private static @Nullable JsonNode firstChoice(JsonNode root) {
        for (JsonNode choice : root.path("choices")) {
            if (choice.path("index").asInt(0) == 0) return choice;
        }
        return null;
    }

    /** {@code reasoning_content} (DeepSeek, vLLM) or {@code reasoning} (OpenRouter, Groq); OpenAI sends neither. */
    private void reasoning(JsonNode node) {
        String reasoning = ProviderJson.text(node, "reasoning_content");
        if (reasoning == null) reasoning = ProviderJson.text(node, "reasoning");
        if (reasoning != null && !reasoning.isEmpty()) sink.emit(new StreamEvent.ReasoningDelta(reasoning));
    }

    /** Content is a string, or (some compatible servers) an array of {@code {"type":"text","text":…}} parts. */
    private void text(@Nullable JsonNode content) {
        if (content == null) return;
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) sink.emit(new StreamEvent.TextDelta(content.textValue()));
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                String text = ProviderJson.text(part, "text");
                if (text != null && !text.isEmpty()) sink.emit(new StreamEvent.TextDelta(text));
            }
        }
    }

    /** A refusal is surfaced as answer text, and the finish reason becomes of kind refusal. */
    private void refusal(@Nullable JsonNode refusal) {
        if (refusal == null || !refusal.isTextual() || refusal.textValue().isEmpty()) return;
        refused = true;
        sink.emit(new StreamEvent.TextDelta(refusal.textValue()));
    }

    private void toolCall(JsonNode call, int position) {
        JsonNode index = call.get("index");
        JsonNode function = call.path("function");
        toolCalls.fragment(
                index != null && index.canConvertToInt() ? index.intValue() : position,
                ProviderJson.text(call, "id"),
                ProviderJson.text(function, "name"),
                ProviderJson.text(function, "arguments"));
    }

    private void finishReason(JsonNode choice) {
        String reason = ProviderJson.text(choice, "finish_reason");
        if (reason != null && finishReason == null) {
            finishReason = reason;
            toolCalls.completeAll();
        }
    }

    /** {@code usage}, or Groq's {@code x_groq.usage}; {@code "usage": null} on ordinary chunks is skipped. */
    private void usage(JsonNode root) {
        JsonNode usage = root.get("usage");
        if (usage == null || !usage.isObject()) usage = root.path("x_groq").get("usage");
        if (usage == null || !usage.isObject()) return;
        usageSeen = true;
        long input = count(usage.path("prompt_tokens"));
        long output = count(usage.path("completion_tokens"));
        long cached = Math.min(input, count(usage.path("prompt_tokens_details").path("cached_tokens")));
        long reasoning =
                Math.min(output, count(usage.path("completion_tokens_details").path("reasoning_tokens")));
        sink.emit(new StreamEvent.UsageReport(Usage.builder()
                .inputTokens(input)
                .outputTokens(output)
                .cachedInputTokens(cached)
                .reasoningTokens(reasoning)
                .build()));
    }

    private static long count(JsonNode node) {
        return node.canConvertToLong() ? Math.max(0, node.longValue()) : 0;
    }

    private void finish() {
        if (finished) return;
        finished = true;
        toolCalls.completeAll();
        String raw = finishReason == null ? "none" : finishReason;
        sink.emit(new StreamEvent.Finish(refused ? FinishReason.of(FinishReason.REFUSAL, raw) : mapFinish(raw)));
    }

    static FinishReason mapFinish(String raw) {
        return switch (raw) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.of(FinishReason.TOOL_CALLS, raw);
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.other(raw);
        };
    }
}
