package dev.llmring.providers.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.ResponseFormat;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import dev.llmring.providers.internal.OwnReasoning;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.ProviderOptions;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns a {@link ChatRequest} into an Ollama {@code /api/chat} body, written straight to bytes (no tree). */
final class OllamaRequestEncoder {
    /** Options may add fields and keys of {@code options}, never replace what the request encodes. */
    private static final ProviderOptions OPTIONS = ProviderOptions.owning(
                    "model", "messages", "tools", "format", "stream")
            .mergingInto("options");

    private static final Set<Role> ROLES = Set.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
    private static final String NESTED = "options";

    private final String provider;
    private final String model;

    private OllamaRequestEncoder(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /**
     * The body as UTF-8 JSON.
     *
     * @throws InvalidRequestException when the request uses something Ollama cannot express
     */
    static byte[] encode(ChatRequest request, String provider, String model, boolean stream) {
        OwnReasoning.noteForeign(request.messages(), "ollama", model); // Ollama takes no reasoning state
        OllamaRequestEncoder encoder = new OllamaRequestEncoder(provider, model);
        return ProviderJson.bytes(json -> encoder.write(json, request, stream));
    }

    private void write(JsonGenerator json, ChatRequest request, boolean stream) throws IOException {
        json.writeStartObject();
        json.writeStringField("model", model);
        json.writeArrayFieldStart("messages");
        List<Message> all = request.messages();
        for (int i = 0; i < all.size(); i++) message(json, all, i);
        json.writeEndArray();
        tools(json, request);
        format(json, request.responseFormat());
        Map<String, @Nullable Object> extra = request.providerOptions(provider);
        boolean options = options(json, request, extra);
        json.writeBooleanField("stream", stream);
        if (!extra.isEmpty()) {
            if (options && extra.containsKey(NESTED)) {
                extra = new LinkedHashMap<>(extra);
                extra.remove(NESTED); // merged into the request's own options above
            }
            OPTIONS.write(json, extra, key -> false, provider, model);
        }
        json.writeEndObject();
    }

    private void message(JsonGenerator json, List<Message> all, int index) throws IOException {
        Message m = all.get(index);
        Role role = m.role();
        if (!ROLES.contains(role)) throw invalid("Ollama has no role '" + role + "'");
        json.writeStartObject();
        json.writeStringField("role", role.value());
        json.writeStringField("content", m.text());
        boolean images = false;
        for (ContentPart p : m.content()) {
            if (p instanceof ContentPart.Text) continue;
            if (!(p instanceof ContentPart.Image image)) throw invalid("Ollama cannot read documents (" + p + ")");
            if (!(role.equals(Role.USER) || role.equals(Role.ASSISTANT))) {
                throw invalid("Ollama takes images in user or assistant messages, not in a " + role + " message");
            }
            if (image.media().isUrl()) {
                throw invalid("media given by URL must be fetched before it reaches Ollama (" + image.media() + ")");
            }
            if (!images) {
                json.writeArrayFieldStart("images");
                images = true;
            }
            json.writeString(image.media().base64().orElseThrow());
        }
        if (images) json.writeEndArray();
        if (!m.toolCalls().isEmpty()) {
            json.writeArrayFieldStart("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                json.writeStartObject();
                json.writeObjectFieldStart("function");
                json.writeStringField("name", call.name());
                json.writeFieldName("arguments");
                arguments(json, call);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (role.equals(Role.TOOL)) {
            String id = m.toolCallId().orElseThrow();
            String name = toolName(all, index, id);
            if (name == null) throw invalid("tool result for call '" + id + "' answers no earlier tool call");
            json.writeStringField("tool_name", name);
        }
        json.writeEndObject();
    }

    /** A tool call's arguments as the JSON object Ollama takes (copied as parsed, compact). */
    private void arguments(JsonGenerator json, ToolCall call) throws IOException {
        boolean object;
        try (JsonParser in = ProviderJson.FACTORY.createParser(call.argumentsJson())) {
            object = in.nextToken() == JsonToken.START_OBJECT;
            if (object) {
                json.copyCurrentStructure(in);
                object = in.nextToken() == null;
            }
        } catch (JsonProcessingException e) {
            object = false;
        }
        if (!object) throw invalid("the arguments of tool call '" + call.name() + "' are not a JSON object");
    }

    /** The name of tool call {@code id} in the nearest earlier assistant message. */
    private static @Nullable String toolName(List<Message> all, int before, String id) {
        for (int i = before - 1; i >= 0; i--) {
            for (ToolCall call : all.get(i).toolCalls()) {
                if (call.id().equals(id)) return call.name();
            }
        }
        return null;
    }

    private void tools(JsonGenerator json, ChatRequest request) throws IOException {
        switch (request.toolChoice().mode()) {
            case "auto" -> {}
            case "none" -> {
                return;
            }
            default -> throw invalid("Ollama cannot force a tool call (tool choice " + request.toolChoice() + ")");
        }
        if (request.tools().isEmpty()) return;
        json.writeArrayFieldStart("tools");
        for (Tool tool : request.tools()) {
            json.writeStartObject();
            json.writeStringField("type", "function");
            json.writeObjectFieldStart("function");
            json.writeStringField("name", tool.name());
            json.writeStringField("description", tool.description());
            json.writeFieldName("parameters");
            ProviderJson.copy(tool.parametersSchema(), json, "parameters schema of tool '" + tool.name() + "'");
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void format(JsonGenerator json, ResponseFormat format) throws IOException {
        switch (format.type()) {
            case "json_object" -> json.writeStringField("format", "json");
            case "json_schema" -> {
                json.writeFieldName("format");
                ProviderJson.copy(format.schema().orElseThrow(), json, "response schema");
            }
            default -> {}
        }
    }

    /**
     * Only what the caller set: Ollama's model defaults apply to everything else. A provider option {@code options}
     * is merged in after them (a key the request set is refused).
     *
     * @return whether an {@code options} object was written
     */
    private boolean options(JsonGenerator json, ChatRequest request, Map<String, @Nullable Object> extra)
            throws IOException {
        boolean temperature = request.temperature().isPresent();
        boolean numPredict = request.maxOutputTokens().isPresent();
        boolean stop = !request.stop().isEmpty();
        boolean seed = request.seed().isPresent();
        if (!(temperature || numPredict || stop || seed)) return false;
        JsonNode merged = null;
        if (extra.containsKey(NESTED)) {
            merged = OPTIONS.nested(
                    NESTED,
                    extra.get(NESTED),
                    key -> switch (key) {
                        case "temperature" -> temperature;
                        case "num_predict" -> numPredict;
                        case "stop" -> stop;
                        case "seed" -> seed;
                        default -> false;
                    },
                    provider,
                    model);
        }
        json.writeObjectFieldStart(NESTED);
        if (temperature)
            json.writeNumberField("temperature", request.temperature().getAsDouble());
        if (numPredict)
            json.writeNumberField("num_predict", request.maxOutputTokens().getAsInt());
        if (stop) {
            json.writeArrayFieldStart("stop");
            for (String s : request.stop()) json.writeString(s);
            json.writeEndArray();
        }
        if (seed) json.writeNumberField("seed", request.seed().getAsLong());
        if (merged != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                json.writeFieldName(field.getKey());
                ProviderJson.mapper().writeTree(json, field.getValue());
            }
        }
        json.writeEndObject();
        return true;
    }

    private InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, ErrorDetails.of(provider, model));
    }
}
