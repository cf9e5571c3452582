package dev.llmring.opentelemetry;

import dev.llmring.ChatResponse;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Role;
import dev.llmring.ToolCall;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Prompt and answer content in the shape of the GenAI conventions' {@code gen_ai.input.messages},
 * {@code gen_ai.output.messages} and {@code gen_ai.system_instructions} (JSON text), written only when the
 * application opted in. Every string passes through the call's key redaction; media bytes are never written (a part
 * names its type only), tool-call arguments are written as the JSON text the model produced.
 */
final class ContentJson {
    private final StringBuilder out = new StringBuilder();
    private final UnaryOperator<String> redact;

    private ContentJson(UnaryOperator<String> redact) {
        this.redact = redact;
    }

    /** The system messages' parts, as {@code gen_ai.system_instructions}. */
    static String systemInstructions(List<Message> messages, UnaryOperator<String> redact) {
        ContentJson j = new ContentJson(redact);
        j.out.append('[');
        boolean first = true;
        for (Message m : messages) {
            if (!m.role().equals(Role.SYSTEM)) continue;
            for (ContentPart p : m.content()) {
                if (!first) j.out.append(',');
                first = false;
                j.part(p);
            }
        }
        return j.out.append(']').toString();
    }

    /** Every message but the system ones, as {@code gen_ai.input.messages}. */
    static String inputMessages(List<Message> messages, UnaryOperator<String> redact) {
        ContentJson j = new ContentJson(redact);
        j.out.append('[');
        boolean first = true;
        for (Message m : messages) {
            if (m.role().equals(Role.SYSTEM)) continue;
            if (!first) j.out.append(',');
            first = false;
            j.message(m);
        }
        return j.out.append(']').toString();
    }

    /** The answer as one assistant message with its finish reason, as {@code gen_ai.output.messages}. */
    static String outputMessages(ChatResponse response, UnaryOperator<String> redact) {
        ContentJson j = new ContentJson(redact);
        j.out.append("[{\"role\":\"assistant\",\"parts\":[");
        boolean first = true;
        if (!response.reasoning().isEmpty()) {
            j.textPart("reasoning", response.reasoning());
            first = false;
        }
        if (!response.text().isEmpty()) {
            if (!first) j.out.append(',');
            j.textPart("text", response.text());
            first = false;
        }
        for (ToolCall c : response.toolCalls()) {
            if (!first) j.out.append(',');
            first = false;
            j.toolCall(c);
        }
        j.out.append("],\"finish_reason\":");
        j.string(response.finishReason().kind());
        return j.out.append("}]").toString();
    }

    private void message(Message m) {
        out.append("{\"role\":");
        string(m.role().value());
        out.append(",\"parts\":[");
        boolean first = true;
        if (m.toolCallId().isPresent()) {
            out.append("{\"type\":\"tool_call_response\",\"id\":");
            string(m.toolCallId().get());
            out.append(",\"response\":");
            string(m.text());
            out.append('}');
            first = false;
        } else {
            if (m.reasoning().isPresent()) {
                textPart("reasoning", m.reasoning().get());
                first = false;
            }
            for (ContentPart p : m.content()) {
                if (!first) out.append(',');
                first = false;
                part(p);
            }
        }
        for (ToolCall c : m.toolCalls()) {
            if (!first) out.append(',');
            first = false;
            toolCall(c);
        }
        out.append("]}");
    }

    private void part(ContentPart p) {
        if (p instanceof ContentPart.Text t) {
            textPart("text", t.text());
        } else if (p instanceof ContentPart.MediaPart m) {
            String modality = p instanceof ContentPart.Image ? "image" : "document";
            if (m.media().url().isPresent()) {
                out.append("{\"type\":\"uri\",\"modality\":\"").append(modality).append("\",\"uri\":");
                string(m.media().url().get().toString());
            } else {
                out.append("{\"type\":\"blob\",\"modality\":\"")
                        .append(modality)
                        .append("\",\"mime_type\":");
                string(m.media().mediaType().orElse("application/octet-stream"));
            }
            out.append('}');
        }
    }

    private void textPart(String type, String content) {
        out.append("{\"type\":\"").append(type).append("\",\"content\":");
        string(content);
        out.append('}');
    }

    private void toolCall(ToolCall c) {
        out.append("{\"type\":\"tool_call\",\"id\":");
        string(c.id());
        out.append(",\"name\":");
        string(c.name());
        out.append(",\"arguments\":");
        string(c.argumentsJson());
        out.append('}');
    }

    /** A JSON string of {@code s} after redaction. */
    private void string(String s) {
        String v = redact.apply(s);
        out.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
