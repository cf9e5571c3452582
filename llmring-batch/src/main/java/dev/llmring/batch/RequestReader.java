package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.ResponseFormat;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import dev.llmring.ToolChoice;
import java.net.URI;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of an OpenAI Chat Completions request (the {@code body} of a Batch line, or a short line) into a
 * {@link ChatRequest}. Fields read: {@code model}, {@code messages} (roles system, developer, user, assistant, tool;
 * text and {@code image_url} parts; assistant {@code tool_calls}), {@code tools}, {@code tool_choice},
 * {@code response_format}, {@code temperature}, {@code max_tokens} / {@code max_completion_tokens}, {@code stop},
 * {@code seed}. Any other field is passed on to the {@code openai} provider only (its escape hatch), except
 * {@code stream} and {@code stream_options}, which a batch line cannot use. A problem is an {@link
 * IllegalArgumentException} naming the field, never the text of the prompt.
 */
final class RequestReader {
    private static final Set<String> KNOWN = Set.of(
            "custom_id",
            "model",
            "messages",
            "tools",
            "tool_choice",
            "response_format",
            "temperature",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "seed",
            "stream",
            "stream_options");

    private RequestReader() {}

    /** @param alias the model to use instead of the body's, or null */
    static ChatRequest read(ObjectNode body, @Nullable String alias) {
        String model = alias != null ? alias : text(body, "model");
        ChatRequest.Builder b = ChatRequest.builder(model);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) b.message(message(messages.get(i), i));
        JsonNode tools = body.get("tools");
        if (tools != null && !tools.isNull()) {
            if (!tools.isArray()) throw new IllegalArgumentException("'tools' must be an array");
            for (int i = 0; i < tools.size(); i++) b.tool(tool(tools.get(i), i));
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null && !choice.isNull()) b.toolChoice(toolChoice(choice));
        JsonNode format = body.get("response_format");
        if (format != null && !format.isNull()) b.responseFormat(responseFormat(format));
        JsonNode temperature = body.get("temperature");
        if (temperature != null && !temperature.isNull()) b.temperature(number(temperature, "temperature"));
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (max != null && !max.isNull()) {
            if (!max.canConvertToInt() || !max.isIntegralNumber()) {
                throw new IllegalArgumentException("'max_tokens' must be a whole number");
            }
            b.maxOutputTokens(max.asInt());
        }
        JsonNode stop = body.get("stop");
        if (stop != null && !stop.isNull()) {
            if (stop.isTextual()) b.stop(stop.asText());
            else if (stop.isArray()) {
                for (JsonNode s : stop) b.stop(textValue(s, "stop"));
            } else throw new IllegalArgumentException("'stop' must be a string or an array of strings");
        }
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.isNull()) {
            if (!seed.canConvertToLong() || !seed.isIntegralNumber()) {
                throw new IllegalArgumentException("'seed' must be a whole number");
            }
            b.seed(seed.asLong());
        }
        Map<String, @Nullable Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!KNOWN.contains(field.getKey())) {
                extra.put(field.getKey(), Jsons.MAPPER.convertValue(field.getValue(), Object.class));
            }
        }
        if (!extra.isEmpty()) b.providerOptions("openai", extra);
        return b.build();
    }

    private static Message message(JsonNode m, int i) {
        String at = "messages[" + i + "]";
        if (!m.isObject()) throw new IllegalArgumentException("'" + at + "' must be an object");
        String role = text(m, "role", at + ".role");
        JsonNode content = m.get("content");
        switch (role) {
            case "system", "developer", "user" -> {
                Message.Builder b = Message.builder("user".equals(role) ? Role.USER : Role.SYSTEM);
                parts(b, content, at, true);
                return b.build();
            }
            case "assistant" -> {
                Message.Builder b = Message.builder(Role.ASSISTANT);
                if (content != null && !content.isNull()) parts(b, content, at, false);
                JsonNode calls = m.get("tool_calls");
                if (calls != null && !calls.isNull()) {
                    if (!calls.isArray())
                        throw new IllegalArgumentException("'" + at + ".tool_calls' must be an array");
                    for (int c = 0; c < calls.size(); c++) {
                        String callAt = at + ".tool_calls[" + c + "]";
                        JsonNode call = calls.get(c);
                        JsonNode function = call.path("function");
                        b.toolCall(new ToolCall(
                                text(call, "id", callAt + ".id"),
                                text(function, "name", callAt + ".function.name"),
                                text(function, "arguments", callAt + ".function.arguments")));
                    }
                }
                return b.build();
            }
            case "tool" -> {
                Message.Builder b =
                        Message.builder(Role.TOOL).toolCallId(text(m, "tool_call_id", at + ".tool_call_id"));
                parts(b, content, at, true);
                return b.build();
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown role '" + role + "' in " + at + " (known: system, developer, user, assistant, tool)");
        }
    }

    private static void parts(Message.Builder b, @Nullable JsonNode content, String at, boolean required) {
        if (content == null || content.isNull()) {
            if (required) throw new IllegalArgumentException("'" + at + ".content' is missing");
            return;
        }
        if (content.isTextual()) {
            b.text(content.asText());
            return;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("'" + at + ".content' must be a string or an array of parts");
        }
        for (int p = 0; p < content.size(); p++) b.part(part(content.get(p), at + ".content[" + p + "]"));
    }

    private static ContentPart part(JsonNode part, String at) {
        String type = text(part, "type", at + ".type");
        switch (type) {
            case "text":
                return ContentPart.text(text(part, "text", at + ".text"));
            case "image_url":
                String url = text(part.path("image_url"), "url", at + ".image_url.url");
                if (url.startsWith("data:")) {
                    int comma = url.indexOf(',');
                    int semi = url.indexOf(";base64");
                    if (comma < 0 || semi < 0 || semi > comma) {
                        throw new IllegalArgumentException("'" + at + ".image_url.url' is a data URL without base64");
                    }
                    try {
                        return ContentPart.image(
                                Base64.getDecoder().decode(url.substring(comma + 1)), url.substring(5, semi));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("'" + at + ".image_url.url' is not valid base64");
                    }
                }
                try {
                    return ContentPart.imageUrl(URI.create(url));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + at + ".image_url.url' is not a URL");
                }
            default:
                throw new IllegalArgumentException(
                        "unsupported content part type '" + type + "' in " + at + " (known: text, image_url)");
        }
    }

    private static Tool tool(JsonNode t, int i) {
        String at = "tools[" + i + "]";
        JsonNode function = t.path("function");
        String name = text(function, "name", at + ".function.name");
        JsonNode description = function.get("description");
        JsonNode parameters = function.get("parameters");
        String schema = parameters == null || parameters.isNull()
                ? "{\"type\":\"object\",\"properties\":{}}"
                : parameters.toString();
        try {
            return Tool.of(name, description == null || description.isNull() ? "" : description.asText(), schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + at + "': " + e.getMessage(), e);
        }
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default ->
                    throw new IllegalArgumentException("unknown tool_choice '" + choice.asText()
                            + "' (known: auto, none, required, or a function)");
            };
        }
        return ToolChoice.tool(text(choice.path("function"), "name", "tool_choice.function.name"));
    }

    private static ResponseFormat responseFormat(JsonNode format) {
        String type = text(format, "type", "response_format.type");
        switch (type) {
            case "text":
                return ResponseFormat.TEXT;
            case "json_object":
                return ResponseFormat.JSON_OBJECT;
            case "json_schema":
                JsonNode schema = format.path("json_schema");
                JsonNode body = schema.get("schema");
                if (body == null || !body.isObject()) {
                    throw new IllegalArgumentException("'response_format.json_schema.schema' must be an object");
                }
                return ResponseFormat.jsonSchema(
                        text(schema, "name", "response_format.json_schema.name"),
                        body.toString(),
                        schema.path("strict").asBoolean(false));
            default:
                throw new IllegalArgumentException(
                        "unknown response_format type '" + type + "' (known: text, json_object, json_schema)");
        }
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("'" + name + "' is missing");
        return textValue(v, name);
    }

    private static String textValue(JsonNode v, String name) {
        if (!v.isTextual()) throw new IllegalArgumentException("'" + name + "' must be a string");
        return v.asText();
    }

    private static double number(JsonNode v, String name) {
        if (!v.isNumber()) throw new IllegalArgumentException("'" + name + "' must be a number");
        return v.asDouble();
    }
}
