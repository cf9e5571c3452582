package dev.llmring.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the scripted dialect ({@link ScriptWire}) into the same events, in the same order, as the real adapters:
 * reasoning and text deltas, tool call start / argument deltas / complete, usage, finish.
 */
final class ScriptedDecoder implements ResponseDecoder {
    private final EventSink sink;
    private final Map<Integer, OpenCall> open = new TreeMap<>();
    private boolean done;

    private static final class OpenCall {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        OpenCall(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    ScriptedDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        JsonNode root = parse(new String(body, StandardCharsets.UTF_8));
        if (root.has("error")) throw failure(root.get("error"));
        String id = root.path("id").asText("");
        if (!id.isEmpty()) sink.requestId(id);
        String reasoning = root.path("reasoning").asText("");
        if (!reasoning.isEmpty()) sink.emit(new StreamEvent.ReasoningDelta(reasoning));
        String text = root.path("text").asText("");
        if (!text.isEmpty()) sink.emit(new StreamEvent.TextDelta(text));
        int index = 0;
        for (JsonNode call : root.path("tool_calls")) {
            String callId = required(call, "id");
            String name = required(call, "name");
            String args = call.path("arguments").asText("");
            sink.emit(new StreamEvent.ToolCallStart(index, callId, name));
            if (!args.isEmpty()) sink.emit(new StreamEvent.ToolCallDelta(index, args));
            sink.emit(new StreamEvent.ToolCallComplete(index, new ToolCall(callId, name, args)));
            index++;
        }
        if (root.has("usage")) sink.emit(new StreamEvent.UsageReport(usage(root.get("usage"))));
        sink.emit(new StreamEvent.Finish(finishReason(required(root, "finish_reason"))));
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        if (event == null) throw ProviderFailure.malformed("scripted stream event without a name", null);
        if (done) throw ProviderFailure.malformed("scripted stream event '" + event + "' after 'done'", null);
        JsonNode d = parse(data);
        switch (event) {
            case "reasoning" -> sink.emit(new StreamEvent.ReasoningDelta(required(d, "text")));
            case "text" -> sink.emit(new StreamEvent.TextDelta(required(d, "text")));
            case "tool_call" -> {
                int index = d.path("index").asInt();
                OpenCall call = new OpenCall(required(d, "id"), required(d, "name"));
                if (open.putIfAbsent(index, call) != null) {
                    throw ProviderFailure.malformed("tool call " + index + " started twice", null);
                }
                sink.emit(new StreamEvent.ToolCallStart(index, call.id, call.name));
            }
            case "tool_args" -> {
                int index = d.path("index").asInt();
                String fragment = required(d, "fragment");
                openCall(index).arguments.append(fragment);
                sink.emit(new StreamEvent.ToolCallDelta(index, fragment));
            }
            case "tool_done" -> {
                int index = d.path("index").asInt();
                OpenCall call = openCall(index);
                open.remove(index);
                sink.emit(new StreamEvent.ToolCallComplete(
                        index, new ToolCall(call.id, call.name, call.arguments.toString())));
            }
            case "usage" -> sink.emit(new StreamEvent.UsageReport(usage(d)));
            case "error" -> throw failure(d);
            case "done" -> {
                if (!open.isEmpty()) {
                    throw ProviderFailure.malformed(
                            "scripted stream done with tool calls " + open.keySet() + " still open", null);
                }
                done = true;
                sink.emit(new StreamEvent.Finish(finishReason(required(d, "finish_reason"))));
            }
            default -> {} // unknown events are ignored, as real adapters ignore new event types
        }
    }

    @Override
    public void onEnd() {
        if (!done) throw ProviderFailure.malformed("scripted stream ended before its 'done' event", null);
    }

    private OpenCall openCall(int index) {
        OpenCall call = open.get(index);
        if (call == null) throw ProviderFailure.malformed("tool call " + index + " was never started", null);
        return call;
    }

    /** The finish reason normalised from the provider's string, as adapters do. */
    static FinishReason finishReason(String raw) {
        return switch (raw) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "refusal" -> FinishReason.REFUSAL;
            default -> FinishReason.other(raw);
        };
    }

    /** An error object ({@code {"kind", "message"}}) as a failure. */
    static ProviderFailure failure(JsonNode error) {
        return new ProviderFailure(error(error, ErrorKind.UNAVAILABLE));
    }

    static ProviderError error(JsonNode error, ErrorKind fallback) {
        String kindName = error.path("kind").asText("");
        ErrorKind kind = fallback;
        try {
            if (!kindName.isEmpty()) kind = ErrorKind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // an unknown kind keeps the fallback
        }
        String message = error.path("message").asText("scripted failure");
        return ProviderError.of(kind, message).withProviderCode(kindName.isEmpty() ? null : kindName);
    }

    private static Usage usage(JsonNode u) {
        try {
            return Usage.builder()
                    .inputTokens(u.path("input").asLong())
                    .outputTokens(u.path("output").asLong())
                    .cachedInputTokens(u.path("cached").asLong())
                    .cacheWriteTokens(u.path("cache_write").asLong())
                    .reasoningTokens(u.path("reasoning").asLong())
                    .build();
        } catch (IllegalArgumentException e) {
            throw ProviderFailure.malformed("scripted usage is inconsistent: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw ProviderFailure.malformed("scripted answer lacks the string '" + field + "'", null);
        }
        return v.asText();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = ScriptFiles.JSON.readTree(json);
            if (node == null || !node.isObject())
                throw ProviderFailure.malformed("scripted answer is not a JSON object", null);
            return node;
        } catch (JsonProcessingException e) {
            throw ProviderFailure.malformed("scripted answer is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
