package dev.llmring.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.WholeToolCalls;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code GenerateContentResponse}s, a whole body or one SSE chunk at a time, through the same code.
 *
 * <p>Gemini sends no end marker, and usage rides on every chunk; so the decoder remembers the last usage and the
 * finish reason and emits {@link StreamEvent.UsageReport} and {@link StreamEvent.Finish} when the answer ends
 * ({@link #onEnd()} or the end of {@link #decodeBody}). An answer that ended without a {@code finishReason} was cut
 * off and is a {@link ProviderFailure}.
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

    private final EventSink sink;
    private int toolCalls;
    private boolean requestIdSeen;
    private @Nullable String finish;
    private boolean promptBlocked;
    private @Nullable Usage usage;
    private boolean ended;
    /** Answer text since the last raw part, emitted as a raw text part before the next one to keep its place. */
    private final StringBuilder pendingText = new StringBuilder();

    GeminiDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        JsonNode node = ProviderJson.parse(body, "Gemini's answer");
        if (node.isArray()) node.forEach(this::chunk);
        else chunk(node);
        end();
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        JsonNode node = ProviderJson.parse(data, "Gemini's stream frame");
        if (node.isArray()) node.forEach(this::chunk);
        else chunk(node);
    }

    @Override
    public void onEnd() {
        end();
    }

    private void chunk(JsonNode chunk) {
        if (!chunk.isObject()) throw ProviderFailure.malformed("Gemini sent a chunk that is not a JSON object", null);
        JsonNode error = GeminiErrors.errorNode(chunk);
        if (error != null) throw new ProviderFailure(GeminiErrors.fromError(error, 0));
        if (!requestIdSeen && chunk.hasNonNull("responseId")) {
            requestIdSeen = true;
            sink.requestId(chunk.get("responseId").asText());
            sink.responseId(chunk.get("responseId").asText());
        }
        String modelVersion = ProviderJson.text(chunk, "modelVersion");
        if (modelVersion != null) sink.responseModel(modelVersion);
        if (chunk.has("usageMetadata")) usage = usage(chunk.get("usageMetadata"));
        JsonNode candidate = chunk.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) part(part);
        if (candidate.hasNonNull("finishReason")) {
            finish = candidate.get("finishReason").asText();
        } else if (!promptBlocked && candidate.path("content").path("parts").size() > 0) {
            finish = null; // content after a finishReason: the answer goes on, and must finish again at its end
        } else if (candidate.isMissingNode() && chunk.path("promptFeedback").hasNonNull("blockReason")) {
            finish = chunk.path("promptFeedback").get("blockReason").asText();
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
    private void part(JsonNode part) {
        if (!part.isObject()) throw ProviderFailure.malformed("Gemini sent a part that is not a JSON object", null);
        if (isOther(part)) {
            if (!pendingText.isEmpty()) {
                ObjectNode text = ProviderJson.MAPPER.createObjectNode().put("text", pendingText.toString());
                pendingText.setLength(0);
                raw(text);
            }
            raw(part);
            return;
        }
        String signature = ProviderJson.text(part, "thoughtSignature");
        if (part.has("functionCall")) {
            String id = functionCall(part.get("functionCall"));
            if (signature != null && !signature.isBlank()) {
                sink.emit(new StreamEvent.ReasoningComplete(
                        ReasoningPart.toolCallSignature(GoogleProviderFactory.NAME, id, signature)));
            }
            return;
        }
        String text = part.path("text").asText("");
        boolean thought = part.path("thought").asBoolean(false);
        if (!text.isEmpty()) {
            sink.emit(thought ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
            if (!thought) pendingText.append(text);
        }
        if (signature != null && !signature.isBlank()) {
            sink.emit(new StreamEvent.ReasoningComplete(
                    ReasoningPart.thinking(GoogleProviderFactory.NAME, thought ? text : "", signature)));
        }
    }

    /** Whether a part holds something other than text, a thought, a signature or a function call. */
    private static boolean isOther(JsonNode part) {
        for (var names = part.fieldNames(); names.hasNext(); ) {
            switch (names.next()) {
                case "text", "thought", "thoughtSignature", "functionCall" -> {}
                default -> {
                    return !part.has("text") && !part.has("functionCall");
                }
            }
        }
        return false;
    }

    private void raw(JsonNode part) {
        sink.emit(new StreamEvent.ReasoningComplete(
                ReasoningPart.raw(GoogleProviderFactory.NAME, ProviderJson.write(part))));
    }

    /** Gemini sends a function call whole (see {@link WholeToolCalls}); returns the call's id. */
    private String functionCall(JsonNode call) {
        int index = toolCalls++;
        String name = call.path("name").asText("");
        if (name.isEmpty()) throw ProviderFailure.malformed("Gemini sent a functionCall without a name", null);
        String args = call.hasNonNull("args") ? ProviderJson.write(call.get("args")) : "{}";
        return WholeToolCalls.emit(sink, index, call.path("id").asText(""), name, args);
    }

    /**
     * Gemini's counts: {@code candidatesTokenCount} excludes thoughts, so output = candidates + thoughts; tool-use
     * prompt tokens (search, code execution) are billed as input and counted in it.
     */
    private static Usage usage(JsonNode u) {
        long prompt = u.path("promptTokenCount").asLong(0)
                + u.path("toolUsePromptTokenCount").asLong(0);
        long thoughts = u.path("thoughtsTokenCount").asLong(0);
        long output = u.path("candidatesTokenCount").asLong(0) + thoughts;
        long cached = Math.min(u.path("cachedContentTokenCount").asLong(0), prompt);
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
