package dev.llmring.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a Chat Completions answer, streamed ({@code chat.completion.chunk} frames ending in {@code [DONE]}) or not
 * ({@code chat.completion}), into the same events: a complete message is decoded as if it were one big delta.
 *
 * <p>Order: reasoning and text deltas and tool-call fragments as they come; tool calls complete when the
 * {@code finish_reason} arrives; usage when it arrives (with {@code include_usage}, the last chunk before
 * {@code [DONE]}, with {@code "choices": []}); {@link StreamEvent.Finish} at {@code [DONE]}, or at the end of the
 * body when a {@code finish_reason} was seen (see the package documentation).
 *
 * <p>Each body or frame is read with Jackson's streaming parser into an {@link OpenAiChunk}, not into a tree, and its
 * events are emitted once the whole object was read.
 */
final class OpenAiDecoder implements ResponseDecoder {
    private static final String DONE = "[DONE]";

    private final EventSink sink;
    private final @Nullable ApiKey apiKey;
    private final ToolCallAssembler toolCalls;
    /** The object being decoded, its fields reused from frame to frame. */
    private final OpenAiChunk chunk = new OpenAiChunk();

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
        try (JsonParser parser = ProviderJson.parser(body)) {
            read(parser, "message", "response body");
        } catch (IOException e) {
            throw ProviderJson.malformed(e, "response body");
        }
        if (chunk.error) throw failure(ProviderJson.parseObject(body, "response body"));
        metadata();
        if (!chunk.choice) throw ProviderFailure.malformed("response has no choice at index 0", null);
        choice();
        usage();
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
        try (JsonParser parser = ProviderJson.parser(trimmed)) {
            read(parser, "delta", "stream frame");
        } catch (IOException e) {
            throw ProviderJson.malformed(e, "stream frame");
        }
        if (chunk.error || "error".equals(event)) throw failure(ProviderJson.parseObject(trimmed, "stream frame"));
        metadata();
        if (chunk.choice) choice();
        usage();
    }

    /** Reads one whole object into {@link #chunk}, refusing anything after it as a tree read does. */
    private void read(JsonParser parser, String messageKey, String what) throws IOException {
        ProviderJson.startObject(parser, what);
        chunk.read(parser, messageKey, !metadataSeen);
        ProviderJson.end(parser, what);
    }

    /**
     * An {@code {"error": …}} object inside a 2xx answer (or an SSE {@code error} event) is the provider's error,
     * classified like an HTTP one. Rare, so its tree is read again from the text.
     */
    private ProviderFailure failure(JsonNode root) {
        return new ProviderFailure(OpenAiErrors.fromErrorObject(root, 0, apiKey));
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

    /** The answer's {@code id} and {@code model}: every chunk repeats them, so the first one says. */
    private void metadata() {
        if (metadataSeen) return;
        metadataSeen = true;
        if (chunk.id != null) sink.responseId(chunk.id);
        if (chunk.model != null) sink.responseModel(chunk.model);
    }

    /**
     * The first choice's message or delta: reasoning ({@code reasoning_content} of DeepSeek and vLLM, else
     * {@code reasoning} of OpenRouter and Groq; OpenAI sends neither), text (a string or an array of text parts), a
     * refusal (surfaced as answer text; the finish reason becomes of kind refusal), tool-call fragments, and the
     * finish reason.
     */
    private void choice() {
        String reasoning = chunk.reasoningContent != null ? chunk.reasoningContent : chunk.reasoning;
        if (reasoning != null && !reasoning.isEmpty()) sink.emit(new StreamEvent.ReasoningDelta(reasoning));
        if (chunk.content != null) {
            if (!chunk.content.isEmpty()) sink.emit(new StreamEvent.TextDelta(chunk.content));
        } else if (chunk.contentParts != null) {
            for (String text : chunk.contentParts) sink.emit(new StreamEvent.TextDelta(text));
        }
        if (chunk.refusal != null && !chunk.refusal.isEmpty()) {
            refused = true;
            sink.emit(new StreamEvent.TextDelta(chunk.refusal));
        }
        for (OpenAiChunk.ToolFragment call : chunk.toolCalls) {
            toolCalls.fragment(call.index, call.id, call.name, call.arguments);
        }
        if (chunk.finishReason != null && finishReason == null) {
            finishReason = chunk.finishReason;
            toolCalls.completeAll();
        }
    }

    /** {@code usage}, or Groq's {@code x_groq.usage}; {@code "usage": null} on ordinary chunks is skipped. */
    private void usage() {
        OpenAiChunk.Counts usage = chunk.usage.present ? chunk.usage : chunk.groqUsage;
        if (!usage.present) return;
        usageSeen = true;
        sink.emit(new StreamEvent.UsageReport(Usage.builder()
                .inputTokens(usage.input)
                .outputTokens(usage.output)
                .cachedInputTokens(Math.min(usage.input, usage.cached))
                .reasoningTokens(Math.min(usage.output, usage.reasoning))
                .build()));
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
