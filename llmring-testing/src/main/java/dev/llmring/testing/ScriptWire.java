package dev.llmring.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.Message;
import dev.llmring.Role;
import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scripted provider's own small wire dialect, both directions.
 *
 * <p>Request: {@code {"model", "stream", "messages": [{"role", "text"}], "tools": [names]}}.
 *
 * <p>Non-streamed answer: {@code {"id", "reasoning", "text", "tool_calls": [{"id", "name", "arguments"}],
 * "finish_reason", "usage": {"input", "output", "cached", "cache_write", "reasoning"}}}.
 *
 * <p>Streamed answer, server-sent events: {@code reasoning} and {@code text} ({@code {"text"}}), {@code tool_call}
 * ({@code {"index", "id", "name"}}), {@code tool_args} ({@code {"index", "fragment"}}), {@code tool_done}
 * ({@code {"index"}}), {@code usage}, {@code error} ({@code {"kind", "message"}}), and {@code done}
 * ({@code {"finish_reason"}}) last.
 *
 * <p>Error body: {@code {"error": {"kind", "message"}}}, {@code kind} an {@link ErrorKind} in lower case.
 */
final class ScriptWire {
    private ScriptWire() {}

    /** One server-sent event. */
    record Frame(String event, String data) {
        String toSse() {
            return "event: " + event + "\ndata: " + data + "\n\n";
        }
    }

    /** What the server needs from a request. */
    record Request(boolean stream, String lastUserText, int messageChars) {}

    static byte[] encode(ChatRequest request, String model, boolean stream) {
        ObjectNode body =
                ScriptFiles.JSON.createObjectNode().put("model", model).put("stream", stream);
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages())
            messages.addObject().put("role", m.role().value()).put("text", m.text());
        ArrayNode tools = body.putArray("tools");
        request.tools().forEach(t -> tools.add(t.name()));
        return bytes(body);
    }

    static Request parseRequest(byte[] body) throws IOException {
        JsonNode root = ScriptFiles.JSON.readTree(body);
        String lastUser = "";
        int chars = 0;
        for (JsonNode m : root.path("messages")) {
            String text = m.path("text").asText("");
            chars += text.length();
            if (Role.USER.value().equals(m.path("role").asText())) lastUser = text;
        }
        return new Request(root.path("stream").asBoolean(false), lastUser, chars);
    }

    /** The whole answer of a replying step, as one JSON body. */
    static byte[] body(Step step, Request request, String id) {
        ObjectNode body = ScriptFiles.JSON.createObjectNode().put("id", id);
        if (step.reasoning() != null) body.put("reasoning", step.reasoning());
        body.put("text", text(step, request));
        ArrayNode calls = body.putArray("tool_calls");
        for (int i = 0; i < step.toolCalls().size(); i++) {
            Step.ScriptedToolCall c = step.toolCalls().get(i);
            calls.addObject().put("id", callId(c, i)).put("name", c.name()).put("arguments", c.argumentsJson());
        }
        body.put("finish_reason", finish(step));
        body.set("usage", usage(usage(step, request)));
        return bytes(body);
    }

    /** The answer of a replying step as events, in the order real adapters emit them. */
    static List<Frame> frames(Step step, Request request) {
        List<Frame> frames = new ArrayList<>();
        if (step.reasoning() != null) {
            for (String piece : chunks(step.reasoning(), step.chunkSize())) frames.add(textFrame("reasoning", piece));
        }
        for (String piece : chunks(text(step, request), step.chunkSize())) frames.add(textFrame("text", piece));
        for (int i = 0; i < step.toolCalls().size(); i++) {
            Step.ScriptedToolCall c = step.toolCalls().get(i);
            frames.add(new Frame(
                    "tool_call",
                    json(obj().put("index", i).put("id", callId(c, i)).put("name", c.name()))));
            String args = c.argumentsJson();
            int half = args.length() / 2;
            for (String fragment : half == 0 ? List.of(args) : List.of(args.substring(0, half), args.substring(half))) {
                if (!fragment.isEmpty()) {
                    frames.add(new Frame("tool_args", json(obj().put("index", i).put("fragment", fragment))));
                }
            }
            frames.add(new Frame("tool_done", json(obj().put("index", i))));
        }
        frames.add(new Frame("usage", json(usage(usage(step, request)))));
        frames.add(new Frame("done", json(obj().put("finish_reason", finish(step)))));
        return frames;
    }

    static Frame errorFrame(int status) {
        ErrorKind kind = ProviderError.kindForStatus(status);
        return new Frame("error", json(errorObject(kind, "scripted stream error (as HTTP " + status + ")")));
    }

    static byte[] errorBody(ErrorKind kind, String message) {
        ObjectNode body = obj();
        body.set("error", errorObject(kind, message));
        return bytes(body);
    }

    static ObjectNode errorObject(ErrorKind kind, String message) {
        return obj().put("kind", kind.name().toLowerCase(Locale.ROOT)).put("message", message);
    }

    private static Frame textFrame(String event, String text) {
        return new Frame(event, json(obj().put("text", text)));
    }

    private static String text(Step step, Request request) {
        if (step.echo()) return request.lastUserText();
        return step.text() == null ? "" : step.text();
    }

    private static String finish(Step step) {
        if (step.finish() != null) return step.finish();
        return step.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    private static String callId(Step.ScriptedToolCall c, int index) {
        return c.id() != null ? c.id() : "call_" + (index + 1);
    }

    /** The step's usage, or a quarter of the characters in and out (at least 1 each). */
    static Usage usage(Step step, Request request) {
        if (step.usage() != null) return step.usage();
        long out = text(step, request).length()
                + (step.reasoning() == null ? 0 : step.reasoning().length());
        for (Step.ScriptedToolCall c : step.toolCalls())
            out += c.name().length() + c.argumentsJson().length();
        long reasoning =
                step.reasoning() == null ? 0 : Math.max(1, step.reasoning().length() / 4);
        return Usage.builder()
                .inputTokens(Math.max(1, request.messageChars() / 4))
                .outputTokens(Math.max(reasoning + 1, out / 4))
                .reasoningTokens(reasoning)
                .build();
    }

    private static ObjectNode usage(Usage u) {
        return obj().put("input", u.inputTokens())
                .put("output", u.outputTokens())
                .put("cached", u.cachedInputTokens())
                .put("cache_write", u.cacheWriteTokens())
                .put("reasoning", u.reasoningTokens());
    }

    /** Whole words (each with its trailing spaces), or pieces of {@code size} characters. */
    static List<String> chunks(String text, int size) {
        List<String> pieces = new ArrayList<>();
        if (size > 0) {
            for (int i = 0; i < text.length(); i += size)
                pieces.add(text.substring(i, Math.min(text.length(), i + size)));
            return pieces;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean boundary = text.charAt(i) == ' ' && (i + 1 == text.length() || text.charAt(i + 1) != ' ');
            if (boundary) {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) pieces.add(text.substring(start));
        return pieces;
    }

    private static ObjectNode obj() {
        return ScriptFiles.JSON.createObjectNode();
    }

    static String json(JsonNode node) {
        try {
            return ScriptFiles.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return json(node).getBytes(StandardCharsets.UTF_8);
    }
}
