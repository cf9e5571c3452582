package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import java.io.StringWriter;
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
 *
 * <p>Each body and event is read with Jackson's streaming parser ({@link MessagesEvent}, {@link ContentBlock}), not
 * into a tree, and acted on once it was read whole. JSON kept verbatim (a tool call's input, a raw block, a
 * citation) is copied from the parser as compact text. Only an {@code error} (a body or an event) is read again as
 * a tree, for {@link ErrorClassifier}.
 */
final class MessagesDecoder implements ResponseDecoder {
    private static final String ANSWER = "Anthropic's answer";
    private static final String EVENT = "Anthropic's stream event";

    private final EventSink sink;
    /** The event being decoded, its fields reused from event to event. */
    private final MessagesEvent event = new MessagesEvent();

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

    /** What is being decoded, while a raw block may be copied from it: an event's text, or a body's bytes. */
    private @Nullable String frame;

    private byte @Nullable [] body;

    MessagesDecoder(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void decodeBody(byte[] body) {
        MessagesEvent.Message message = new MessagesEvent.Message();
        try (JsonParser parser = ProviderJson.parser(body)) {
            ProviderJson.startObject(parser, ANSWER);
            message.read(parser, JsonToken.START_OBJECT, true);
            ProviderJson.end(parser, ANSWER);
        } catch (IOException | ProviderFailure e) {
            throw asTreeRead(e, () -> ProviderJson.parseObject(body, ANSWER), ANSWER);
        }
        if (message.type == MessagesEvent.Message.ERROR) {
            throw new ProviderFailure(ErrorClassifier.fromError(
                    ProviderJson.parseObject(body, ANSWER).get("error"), 0));
        }
        List<ContentBlock> content = message.content;
        if (message.type != MessagesEvent.Message.MESSAGE || content == null) {
            throw ProviderFailure.malformed("Anthropic answer is not a message", null);
        }
        this.body = body;
        try {
            messageStart(message);
            for (int i = 0; i < content.size(); i++) {
                blockStart(i, content.get(i));
                blockStop(i);
            }
        } finally {
            this.body = null;
        }
        messageDelta(message.stopReason, null);
        messageStop();
    }

    @Override
    public void onFrame(@Nullable String name, String data) {
        if (stopped) return;
        try (JsonParser parser = ProviderJson.parser(data)) {
            ProviderJson.startObject(parser, EVENT);
            event.read(parser);
            ProviderJson.end(parser, EVENT);
        } catch (IOException | ProviderFailure e) {
            throw asTreeRead(e, () -> ProviderJson.parseObject(data, EVENT), EVENT);
        }
        int type = event.type != MessagesFields.ABSENT ? event.type : typeOf(name);
        switch (type) {
            case MessagesEvent.MESSAGE_START -> messageStart(event.message);
            case MessagesEvent.CONTENT_BLOCK_START -> {
                int index = index();
                ContentBlock block = event.block;
                frame = data;
                try {
                    blockStart(index, block == null ? new ContentBlock() : block);
                } finally {
                    frame = null;
                }
            }
            case MessagesEvent.CONTENT_BLOCK_DELTA -> blockDelta(index());
            case MessagesEvent.CONTENT_BLOCK_STOP -> blockStop(index());
            case MessagesEvent.MESSAGE_DELTA -> messageDelta(event.stopReason, event.usage);
            case MessagesEvent.MESSAGE_STOP -> messageStop();
            case MessagesEvent.ERROR ->
                // rare: read again as a tree for the classifier
                throw new ProviderFailure(ErrorClassifier.fromError(
                        ProviderJson.parseObject(data, EVENT).get("error"), 0));
            default -> {} // ping, and event types added later
        }
    }

    /**
     * The failure for input the streaming read refused, worded as a tree read words it (the streaming parser's
     * messages differ in places): rare, so the input is read again as a tree for it.
     */
    private static ProviderFailure asTreeRead(Exception e, Runnable treeRead, String what) {
        try {
            treeRead.run();
        } catch (ProviderFailure tree) {
            return tree;
        }
        return e instanceof ProviderFailure failure ? failure : ProviderJson.malformed((IOException) e, what);
    }

    /** The event's type from the SSE event name, when its data has no {@code type} string. */
    private static int typeOf(@Nullable String name) {
        if (name == null) return MessagesFields.UNKNOWN;
        return switch (name) {
            case "message_start" -> MessagesEvent.MESSAGE_START;
            case "content_block_start" -> MessagesEvent.CONTENT_BLOCK_START;
            case "content_block_delta" -> MessagesEvent.CONTENT_BLOCK_DELTA;
            case "content_block_stop" -> MessagesEvent.CONTENT_BLOCK_STOP;
            case "message_delta" -> MessagesEvent.MESSAGE_DELTA;
            case "message_stop" -> MessagesEvent.MESSAGE_STOP;
            case "error" -> MessagesEvent.ERROR;
            default -> MessagesFields.UNKNOWN;
        };
    }

    @Override
    public void onEnd() {
        if (!stopped) {
            throw ProviderFailure.malformed("Anthropic stream ended before message_stop", null);
        }
    }

    private void messageStart(MessagesEvent.Message message) {
        if (message.id != null) sink.responseId(message.id);
        if (message.model != null) sink.responseModel(message.model);
        usage(message.usage);
    }

    private void blockStart(int index, ContentBlock block) {
        int type = block.type;
        Block b;
        if (type == ContentBlock.TEXT) {
            b = new Block(Kind.TEXT, -1, "", "");
            String text = block.text;
            text(text);
            if (text != null) b.arguments.append(text);
            List<String> citations = block.citations;
            if (citations != null) {
                for (String c : citations) b.citations().add(c);
            }
        } else if (type == ContentBlock.THINKING) {
            b = new Block(Kind.THINKING, -1, "", "");
            thinking(b, block.thinking);
            signature(b, block.signature);
        } else if (type == ContentBlock.REDACTED_THINKING) {
            b = new Block(Kind.REDACTED, -1, "", "");
            String data = block.data;
            if (data == null || data.isBlank())
                throw ProviderFailure.malformed("redacted_thinking block without data", null);
            b.arguments.append(data);
        } else if (type == ContentBlock.TOOL_USE && ToolsEncoder.ANSWER_TOOL.equals(block.name)) {
            b = new Block(Kind.ANSWER, -1, "", "");
            answerToolCalled = true;
        } else if (type == ContentBlock.TOOL_USE) {
            String id = block.id;
            String name = block.name;
            if (id == null || name == null) throw ProviderFailure.malformed("tool_use block without id or name", null);
            b = new Block(Kind.TOOL, toolCalls++, id, name);
            callerToolCalled = true;
            sink.emit(new StreamEvent.ToolCallStart(b.ordinal, id, name));
        } else if (block.isRaw()) {
            b = new Block(Kind.RAW, -1, "", ""); // server tool blocks, later additions: kept as they came
            b.raw = raw(block);
        } else {
            throw ProviderFailure.malformed("content block is not an object", null);
        }
        blocks.put(index, b);
        String input = block.input;
        if ((b.kind == Kind.TOOL || b.kind == Kind.ANSWER) && input != null && !input.equals("{}")) {
            fragment(b, input); // a complete body carries the whole input here; a stream sends {}
        }
    }

    /** A raw block as compact JSON, copied from where it lies in the body or event being decoded. */
    private String raw(ContentBlock block) {
        String text = frame;
        byte[] bytes = body;
        int start = (int) block.start;
        int end = (int) block.end;
        try (JsonParser parser = text != null
                ? ProviderJson.parser(text.substring(start, end))
                : ProviderJson.FACTORY.createParser(Objects.requireNonNull(bytes), start, end - start)) {
            parser.nextToken();
            return ProviderJson.copy(parser);
        } catch (IOException e) {
            throw ProviderJson.malformed(e, text != null ? EVENT : ANSWER); // read once already: not expected
        }
    }

    private void blockDelta(int index) {
        Block b = blocks.get(index);
        if (b == null) throw ProviderFailure.malformed("content_block_delta for unknown block " + index, null);
        MessagesEvent delta = event;
        int type = delta.deltaType;
        if (type == MessagesEvent.TEXT_DELTA && b.kind == Kind.TEXT) {
            String text = delta.text;
            text(text);
            if (text != null) b.arguments.append(text);
        } else if (type == MessagesEvent.THINKING_DELTA && b.kind == Kind.THINKING) {
            thinking(b, delta.thinking);
        } else if (type == MessagesEvent.SIGNATURE_DELTA && b.kind == Kind.THINKING) {
            signature(b, delta.signature);
        } else if (type == MessagesEvent.INPUT_JSON_DELTA && (b.kind == Kind.TOOL || b.kind == Kind.ANSWER)) {
            String partial = delta.partialJson;
            if (partial != null && !partial.isEmpty()) fragment(b, partial);
        } else if (type == MessagesEvent.INPUT_JSON_DELTA && b.kind == Kind.RAW) {
            String partial = delta.partialJson;
            if (partial != null) b.arguments.append(partial); // a server tool's input, streamed
        } else if (type == MessagesEvent.CITATIONS_DELTA && b.kind == Kind.TEXT && delta.citation != null) {
            b.citations().add(delta.citation);
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
            part(raw(textBlock(b.arguments.toString(), b.citations)));
        } else if (b.kind == Kind.TEXT) {
            if (b.arguments.length() > 0) pendingText.add(b.arguments.toString());
        } else if (b.kind == Kind.RAW) {
            String block = Objects.requireNonNull(b.raw);
            part(raw(b.arguments.length() > 0 ? withInput(block, streamedInput(b.arguments.toString())) : block));
        }
    }

    /** A server tool's streamed input as compact JSON, refused unless it is exactly one JSON value. */
    private static String streamedInput(String json) {
        try (JsonParser parser = ProviderJson.parser(json)) {
            if (parser.nextToken() != null) {
                String input = ProviderJson.copy(parser);
                if (parser.nextToken() == null) return input;
            }
        } catch (IOException e) {
            // refused below
        }
        throw ProviderFailure.malformed("a server tool's streamed input is not JSON", null);
    }

    /** {@code block} (compact JSON) with its {@code input} member set to {@code input}: in its place, else last. */
    private static String withInput(String block, String input) {
        return json(json -> {
            try (JsonParser parser = ProviderJson.parser(block)) {
                parser.nextToken();
                json.writeStartObject();
                boolean set = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    json.writeFieldName(field);
                    if (field.equals("input")) {
                        parser.skipChildren();
                        json.writeRawValue(input);
                        set = true;
                    } else {
                        json.copyCurrentStructure(parser);
                    }
                }
                if (!set) {
                    json.writeFieldName("input");
                    json.writeRawValue(input);
                }
                json.writeEndObject();
            }
        });
    }

    /** Emits a part, after the plain text blocks that came before it (as raw text parts, to keep their place). */
    private void part(ReasoningPart part) {
        for (String text : pendingText) sink.emit(new StreamEvent.ReasoningComplete(raw(textBlock(text, List.of()))));
        pendingText.clear();
        sink.emit(new StreamEvent.ReasoningComplete(part));
    }

    /** A text block as compact JSON, with its citations (each compact JSON) when there are any. */
    private static String textBlock(String text, List<String> citations) {
        return json(json -> {
            json.writeStartObject();
            json.writeStringField("type", "text");
            json.writeStringField("text", text);
            if (!citations.isEmpty()) {
                json.writeArrayFieldStart("citations");
                for (String c : citations) json.writeRawValue(c);
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    /** What {@code writer} writes, as text (as a tree is written: through a character generator). */
    private static String json(ProviderJson.BodyWriter writer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = ProviderJson.FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to memory", e);
        }
        return out.toString();
    }

    private static ReasoningPart raw(String block) {
        return ReasoningPart.raw(AnthropicProviderFactory.NAME, block);
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

    private void messageDelta(@Nullable String stopReason, MessagesEvent.@Nullable Counts usage) {
        if (stopReason != null) this.stopReason = stopReason;
        if (usage != null) usage(usage);
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
    private void usage(MessagesEvent.Counts counts) {
        if (!counts.present) return;
        for (int i = 0; i < usage.length; i++) {
            long v = counts.values[i];
            if (v >= 0) {
                usage[i] = v;
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

    private int index() {
        long index = event.index;
        if (index == MessagesFields.NO_INDEX) {
            throw ProviderFailure.malformed("content block event without an index", null);
        }
        return (int) index;
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

        /** A raw block as it started, compact JSON; its streamed input gathers in {@code arguments}. */
        @Nullable
        String raw;

        /** A text block's citations, each compact JSON, made on the first one. */
        @Nullable
        List<String> citations;

        List<String> citations() {
            List<String> c = citations;
            if (c == null) citations = c = new ArrayList<>();
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
