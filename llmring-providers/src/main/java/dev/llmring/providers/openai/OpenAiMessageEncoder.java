package dev.llmring.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Role;
import dev.llmring.ToolCall;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Encodes the conversation as Chat Completions {@code messages}. A message of one text part is sent as a plain
 * string; anything else as an array of parts. Only user messages may carry media: images as {@code image_url}
 * (an {@code https} URL as given, bytes as a {@code data:} URL) and PDFs given as bytes as a {@code file} part.
 * Unsupported shapes are {@link IllegalArgumentException}s, which the adapter reports as invalid requests.
 */
final class OpenAiMessageEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenAiMessageEncoder() {}

    static ArrayNode encode(List<Message> messages) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            out.add(encode(messages.get(i), i));
        }
        return out;
    }

    private static ObjectNode encode(Message message, int position) {
        Role role = message.role();
        ObjectNode node = NODES.objectNode();
        node.put("role", role.value());
        if (role.equals(Role.ASSISTANT)) {
            if (!message.content().isEmpty()) node.set("content", content(message, position, false));
            if (!message.toolCalls().isEmpty()) node.set("tool_calls", toolCalls(message.toolCalls()));
        } else if (role.equals(Role.TOOL)) {
            node.put("tool_call_id", message.toolCallId().orElseThrow());
            node.set("content", content(message, position, false));
        } else {
            node.set("content", content(message, position, role.equals(Role.USER)));
        }
        return node;
    }

    private static JsonNode content(Message message, int position, boolean mediaAllowed) {
        List<ContentPart> parts = message.content();
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
            return TextNode.valueOf(text.text());
        }
        ArrayNode array = NODES.arrayNode();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                array.addObject().put("type", "text").put("text", text.text());
            } else if (!mediaAllowed) {
                throw new IllegalArgumentException("message " + position + " (" + message.role() + ") carries " + part
                        + "; OpenAI accepts media in user messages only");
            } else if (part instanceof ContentPart.Image image) {
                array.addObject()
                        .put("type", "image_url")
                        .putObject("image_url")
                        .put("url", imageUrl(image, position));
            } else if (part instanceof ContentPart.Document document) {
                array.add(file(document, position));
            }
        }
        return array;
    }

    private static String imageUrl(ContentPart.Image image, int position) {
        ContentPart.Media media = image.media();
        if (!media.isUrl()) {
            return "data:" + media.mediaType().orElseThrow() + ";base64,"
                    + media.base64().orElseThrow();
        }
        URI url = media.url().orElseThrow();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("data")) {
            throw new IllegalArgumentException("message " + position + ": image URL scheme '" + scheme
                    + "' is not allowed; give an https URL or the image bytes");
        }
        return url.toString();
    }

    /** Chat Completions takes a PDF inline ({@code file_data}) or by uploaded file id, never by URL. */
    private static ObjectNode file(ContentPart.Document document, int position) {
        ContentPart.Media media = document.media();
        if (media.isUrl()) {
            throw new IllegalArgumentException("message " + position
                    + ": OpenAI Chat Completions cannot fetch a document by URL; give the PDF bytes");
        }
        ObjectNode part = NODES.objectNode().put("type", "file");
        part.putObject("file")
                .put("filename", "document.pdf")
                .put(
                        "file_data",
                        "data:" + media.mediaType().orElseThrow() + ";base64,"
                                + media.base64().orElseThrow());
        return part;
    }

    private static ArrayNode toolCalls(List<ToolCall> calls) {
        ArrayNode array = NODES.arrayNode();
        for (ToolCall call : calls) {
            ObjectNode node = array.addObject().put("id", call.id()).put("type", "function");
            node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        }
        return array;
    }
}
