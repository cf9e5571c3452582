package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes Messages API answers. A non-streamed body is replayed as the stream it would have been
 * ({@code message_start}, each block's start and stop, {@code message_delta}, {@code message_stop}), so both paths
 * run through the same handlers and emit the same events.
 *
 * <p>Tool calls are numbered in order of appearance (the content-block index also counts text and thinking blocks).
 * Blocks of the synthetic {@value ToolsEncoder#ANSWER_TOOL} tool are emitted as text.
 *
 * <p>Nothing is dropped: a text block with citations, and a block of a type llmring has no model for (server tool
 * use, {@code *_tool_result}, later additions), become {@linkplain ReasoningPart#raw raw parts} holding the block's
 * JSON, in place among the thinking parts. So that the text keeps its place too, plain text blocks that came since
 * the last part are emitted as raw text parts before the next part (their text is also in the answer text; the
 * encoder sends it once). Text after the last part is only answer text.
 */
final class MessagesDecoder implements ResponseDecoder {
    private final EventSink sink;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private int toolCalls;
    private boolean callerToolCalled;
    private boolean answerToolCalled;
    private @Nullable String stopReason;
    private final long[] usage = new long[4]; // input, cache read, cache creation, output
    private boolean usageSeen;
    private boolean stopped;
    /** Plain text blocks closed since the last reasoning part, not yet emitted as parts. */
    private final List<String> pendingText = new ArrayList<>();

    MessagesDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        JsonNode message = ProviderJson.parseObject(body, "Anthropic's answer");
        if ("error".equals(ProviderJson.text(message, "type"))) {
            throw new ProviderFailure(ErrorClassifier.fromError(message.get("error"), 0));
        }
        JsonNode content = message.get("content");
        if (!"message".equals(ProviderJson.text(message, "type")) || content == null || !content.isArray()) {
            throw ProviderFailure.malformed("Anthropic answer is not a message", null);
        }
        messageStart(message);
        for (int i = 0; i < content.size(); i++) {
            blockStart(i, content.get(i));
            blockStop(i);
        }
        messageDelta(message.get("stop_reason"), null);
        messageStop();
    }

    @Override
    public void onFrame(@Nullable String event, String data) {
        if (stopped) return;
        JsonNode node = ProviderJson.parseObject(data, "Anthropic's stream event");
        String type = ProviderJson.text(node, "type");
        if (type == null) type = event == null ? "" : event;
        switch (type) {
            case "message_start" -> messageStart(node.path("message"));
            case "content_block_start" -> blockStart(index(node), node.path("content_block"));
            case "content_block_delta" -> blockDelta(index(node), node.path("delta"));
            case "content_block_stop" -> blockStop(index(node));
            case "message_delta" -> messageDelta(node.path("delta").get("stop_reason"), node.get("usage"));
            case "message_stop" -> messageStop();
            case "error" -> throw new ProviderFailure(ErrorClassifier.fromError(node.get("error"), 0));
            default -> {} // ping, and event types added later
        }
    }

    @Override
    public void onEnd() {
        if (!stopped) {
            throw ProviderFailure.malformed("Anthropic stream ended before message_stop", null);
        }
    }

    private void messageStart(JsonNode message) {
        String id = ProviderJson.text(message, "id");
        if (id != null) sink.responseId(id);
        String model = ProviderJson.text(message, "model");
        if (model != null) sink.responseModel(model);
        usage(message.get("usage"));
    }

    private void blockStart(int index, JsonNode block) {
        String type = ProviderJson.text(block, "type");
        Block b;
        if ("text".equals(type)) {
            b = new Block(Kind.TEXT, -1, "", "");
            String text = ProviderJson.text(block, "text");
            text(text);
            if (text != null) b.arguments.append(text);
            JsonNode citations = block.get("citations");
            if (citations != null && citations.isArray()) {
                for (JsonNode c : citations) b.citations().add(c);
            }
        } else if ("thinking".equals(type)) {
            b = new Block(Kind.THINKING, -1, "", "");
            thinking(b, ProviderJson.text(block, "thinking"));
            signature(b, ProviderJson.text(block, "signature"));
        } else if ("redacted_thinking".equals(type)) {
            b = new Block(Kind.REDACTED, -1, "", "");
            String data = ProviderJson.text(block, "data");
            if (data == null || data.isBlank())
                throw ProviderFailure.malformed("redacted_thinking block without data", null);
            b.arguments.append(data);
        } else if ("tool_use".equals(type) && ToolsEncoder.ANSWER_TOOL.equals(ProviderJson.text(block, "name"))) {
            b = new Block(Kind.ANSWER, -1, "", "");
            answerToolCalled = true;
        } else if ("tool_use".equals(type)) {
            String id = ProviderJson.text(block, "id");
            String name = ProviderJson.text(block, "name");
            if (id == null || name == null) throw ProviderFailure.malformed("tool_use block without id or name", null);
            b = new Block(Kind.TOOL, toolCalls++, id, name);
            callerToolCalled = true;
            sink.emit(new StreamEvent.ToolCallStart(b.ordinal, id, name));
        } else if (block.isObject()) {
            b = new Block(Kind.RAW, -1, "", ""); // server tool blocks, later additions: kept as they came
            b.raw = block.deepCopy();
        } else {
            throw ProviderFailure.malformed("content block is not an object", null);
        }
        blocks.put(index, b);
        JsonNode input = block.get("input");
        if ((b.kind == Kind.TOOL || b.kind == Kind.ANSWER) && input != null && input.isObject() && !input.isEmpty()) {
            fragment(b, input.toString()); // a complete body carries the whole input here; a stream sends {}
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        Block b = blocks.get(index);
        if (b == null) throw ProviderFailure.malformed("content_block_delta for unknown block " + index, null);
        String type = ProviderJson.text(delta, "type");
        if ("text_delta".equals(type) && b.kind == Kind.TEXT) {
            String text = ProviderJson.text(delta, "text");
            text(text);
            if (text != null) b.arguments.append(text);
        } else if ("thinking_delta".equals(type) && b.kind == Kind.THINKING) {
            thinking(b, ProviderJson.text(delta, "thinking"));
        } else if ("signature_delta".equals(type) && b.kind == Kind.THINKING) {
            signature(b, ProviderJson.text(delta, "signature"));
        } else if ("input_json_delta".equals(type) && (b.kind == Kind.TOOL || b.kind == Kind.ANSWER)) {
            String partial = ProviderJson.text(delta, "partial_json");
            if (partial != null && !partial.isEmpty()) fragment(b, partial);
        } else if ("input_json_delta".equals(type) && b.kind == Kind.RAW) {
            String partial = ProviderJson.text(delta, "partial_json");
            if (partial != null) b.arguments.append(partial); // a server tool's input, streamed
        } else if ("citations_delta".equals(type) && b.kind == Kind.TEXT && delta.has("citation")) {
            b.citations().add(delta.get("citation"));
        }
        // other deltas carry nothing llmring reports
    }

    private void blockStop(int index) {
        Block b = blocks.remove(index);
        if (b != null) close(b);
    }

    private void close(Block b) {
        if (b.kind == Kind.TOOL) {
            sink.emit(new StreamEvent.ToolCallComplete(b.ordinal, new ToolCall(b.id, b.name, b.arguments.toString())));
        } else if (b.kind == Kind.ANSWER && b.arguments.length() == 0) {
            sink.emit(new StreamEvent.TextDelta("{}"));
        } else if (b.kind == Kind.THINKING) {
            String signature = b.signature == null ? null : b.signature.toString();
            part(ReasoningPart.thinking(AnthropicProviderFactory.NAME, b.arguments.toString(), signature));
        } else if (b.kind == Kind.REDACTED) {
            part(ReasoningPart.redacted(AnthropicProviderFactory.NAME, b.arguments.toString()));
        } else if (b.kind == Kind.TEXT && b.citations != null && !b.citations.isEmpty()) {
            ObjectNode block = textBlock(b.arguments.toString());
            block.set("citations", b.citations);
            part(raw(block));
        } else if (b.kind == Kind.TEXT) {
            if (b.arguments.length() > 0) pendingText.add(b.arguments.toString());
        } else if (b.kind == Kind.RAW) {
            ObjectNode block = Objects.requireNonNull(b.raw);
            if (b.arguments.length() > 0) {
                JsonNode input = ProviderJson.tryParse(b.arguments.toString());
                if (input == null) throw ProviderFailure.malformed("a server tool's streamed input is not JSON", null);
                block.set("input", input);
            }
            part(raw(block));
        }
    }

    /** Emits a part, after the plain text blocks that came before it (as raw text parts, to keep their place). */
    private void part(ReasoningPart part) {
        for (String text : pendingText) sink.emit(new StreamEvent.ReasoningComplete(raw(textBlock(text))));
        pendingText.clear();
        sink.emit(new StreamEvent.ReasoningComplete(part));
    }

    private static ObjectNode textBlock(String text) {
        return ProviderJson.MAPPER.createObjectNode().put("type", "text").put("text", text);
    }

    private static ReasoningPart raw(JsonNode block) {
        return ReasoningPart.raw(AnthropicProviderFactory.NAME, ProviderJson.write(block));
    }

    /** Reasoning text: reported as it comes and gathered for the block's {@link ReasoningPart}. */
    private void thinking(Block b, @Nullable String thinking) {
        if (thinking == null || thinking.isEmpty()) return;
        b.arguments.append(thinking);
        sink.emit(new StreamEvent.ReasoningDelta(thinking));
    }

    private static void signature(Block b, @Nullable String signature) {
        if (signature == null || signature.isEmpty()) return;
        StringBuilder s = b.signature;
        if (s == null) b.signature = s = new StringBuilder();
        s.append(signature);
    }

    private void messageDelta(@Nullable JsonNode stopReason, @Nullable JsonNode usage) {
        if (stopReason != null && stopReason.isTextual()) this.stopReason = stopReason.asText();
        usage(usage);
    }

    private void messageStop() {
        blocks.keySet().stream().sorted().toList().forEach(this::blockStop);
        if (usageSeen) {
            sink.emit(new StreamEvent.UsageReport(Usage.builder()
                    .inputTokens(usage[0] + usage[1] + usage[2])
                    .cachedInputTokens(usage[1])
                    .cacheWriteTokens(usage[2])
                    .outputTokens(usage[3])
                    .build()));
        }
        sink.emit(new StreamEvent.Finish(finishReason()));
        stopped = true;
    }

    /** Usage counts are cumulative: a later report replaces the fields it carries. */
    private void usage(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) return;
        String[] fields = {"input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "output_tokens"};
        for (int i = 0; i < fields.length; i++) {
            JsonNode v = node.get(fields[i]);
            if (v != null && v.canConvertToLong() && v.asLong() >= 0) {
                usage[i] = v.asLong();
                usageSeen = true;
            }
        }
    }

    private FinishReason finishReason() {
        String raw = stopReason;
        if (raw == null) return FinishReason.other("unknown");
        return switch (raw) {
            case "end_turn", "stop_sequence" -> FinishReason.of(FinishReason.STOP, raw);
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.of(FinishReason.LENGTH, raw);
            case "tool_use" ->
                answerToolCalled && !callerToolCalled
                        ? FinishReason.of(FinishReason.STOP, raw)
                        : FinishReason.of(FinishReason.TOOL_CALLS, raw);
            case "refusal" -> FinishReason.of(FinishReason.REFUSAL, raw);
            default -> FinishReason.other(raw); // pause_turn and reasons added later
        };
    }

    private void text(@Nullable String text) {
        if (text != null && !text.isEmpty()) sink.emit(new StreamEvent.TextDelta(text));
    }

    private void fragment(Block b, String json) {
        b.arguments.append(json);
        sink.emit(
                b.kind == Kind.ANSWER
                        ? new StreamEvent.TextDelta(json)
                        : new StreamEvent.ToolCallDelta(b.ordinal, json));
    }

    private static int index(JsonNode node) {
        JsonNode index = node.get("index");
        if (index == null || !index.canConvertToInt()) {
            throw ProviderFailure.malformed("content block event without an index", null);
        }
        return index.asInt();
    }

    private enum Kind {
        TEXT,
        THINKING,
        REDACTED,
        TOOL,
        ANSWER,
        RAW
    }

    /**
     * An open content block; tool blocks gather their argument fragments, thinking and text blocks their text (in
     * {@code arguments}) and signature or citations, redacted blocks their data (in {@code arguments}), raw blocks
     * their streamed input.
     */
    private static final class Block {
        final Kind kind;
        final int ordinal;
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        @Nullable
        StringBuilder signature;

        /** A raw block as it started; its streamed input gathers in {@code arguments}. */
        @Nullable
        ObjectNode raw;

        /** A text block's citations, made on the first one. */
        @Nullable
        ArrayNode citations;

        ArrayNode citations() {
            ArrayNode c = citations;
            if (c == null) citations = c = ProviderJson.MAPPER.createArrayNode();
            return c;
        }

        Block(Kind kind, int ordinal, String id, String name) {
            this.kind = kind;
            this.ordinal = ordinal;
            this.id = id;
            this.name = name;
        }
    }
}
