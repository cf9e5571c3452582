package dev.llmring.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Role;
import dev.llmring.ToolCall;
import java.io.IOException;
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
    private OpenAiMessageEncoder() {}

    /** Writes the {@code messages} array. */
    static void write(JsonGenerator json, List<Message> messages) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < messages.size(); i++) {
            write(json, messages.get(i), i);
        }
        json.writeEndArray();
    }

    private static void write(JsonGenerator json, Message message, int position) throws IOException {
        Role role = message.role();
        json.writeStartObject();
        json.writeStringField("role", role.value());
        if (role.equals(Role.ASSISTANT)) {
            if (!message.content().isEmpty()) content(json, message, position, false);
            if (!message.toolCalls().isEmpty()) toolCalls(json, message.toolCalls());
        } else if (role.equals(Role.TOOL)) {
            json.writeStringField("tool_call_id", message.toolCallId().orElseThrow());
            content(json, message, position, false);
        } else {
            content(json, message, position, role.equals(Role.USER));
        }
        json.writeEndObject();
    }

    private static void content(JsonGenerator json, Message message, int position, boolean mediaAllowed)
            throws IOException {
        List<ContentPart> parts = message.content();
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
            json.writeStringField("content", text.text());
            return;
        }
        json.writeArrayFieldStart("content");
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                json.writeStartObject();
                json.writeStringField("type", "text");
                json.writeStringField("text", text.text());
                json.writeEndObject();
            } else if (!mediaAllowed) {
                throw new IllegalArgumentException("message " + position + " (" + message.role() + ") carries " + part
                        + "; OpenAI accepts media in user messages only");
            } else if (part instanceof ContentPart.Image image) {
                String url = imageUrl(image, position);
                json.writeStartObject();
                json.writeStringField("type", "image_url");
                json.writeObjectFieldStart("image_url");
                json.writeStringField("url", url);
                json.writeEndObject();
                json.writeEndObject();
            } else if (part instanceof ContentPart.Document document) {
                file(json, document, position);
            }
        }
        json.writeEndArray();
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
    private static void file(JsonGenerator json, ContentPart.Document document, int position) throws IOException {
        ContentPart.Media media = document.media();
        if (media.isUrl()) {
            throw new IllegalArgumentException("message " + position
                    + ": OpenAI Chat Completions cannot fetch a document by URL; give the PDF bytes");
        }
        json.writeStartObject();
        json.writeStringField("type", "file");
        json.writeObjectFieldStart("file");
        json.writeStringField("filename", "document.pdf");
        json.writeStringField(
                "file_data",
                "data:" + media.mediaType().orElseThrow() + ";base64,"
                        + media.base64().orElseThrow());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void toolCalls(JsonGenerator json, List<ToolCall> calls) throws IOException {
        json.writeArrayFieldStart("tool_calls");
        for (ToolCall call : calls) {
            json.writeStartObject();
            json.writeStringField("id", call.id());
            json.writeStringField("type", "function");
            json.writeObjectFieldStart("function");
            json.writeStringField("name", call.name());
            json.writeStringField("arguments", call.argumentsJson());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
