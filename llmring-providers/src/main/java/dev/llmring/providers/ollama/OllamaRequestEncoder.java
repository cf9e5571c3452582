package dev.llmring.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns a {@link ChatRequest} into an Ollama {@code /api/chat} body. */
final class OllamaRequestEncoder {
    /** Options may add fields and keys of {@code options}, never replace what the request encodes. */
    private static final ProviderOptions OPTIONS = ProviderOptions.owning(
                    "model", "messages", "tools", "format", "stream")
            .mergingInto("options");

    private final String provider;
    private final String model;
    private final ObjectNode body = ProviderJson.MAPPER.createObjectNode();

    private OllamaRequestEncoder(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /**
     * @throws InvalidRequestException when the request uses something Ollama cannot express
     */
    static ObjectNode encode(ChatRequest request, String provider, String model, boolean stream) {
        return new OllamaRequestEncoder(provider, model).encode(request, stream);
    }

    private ObjectNode encode(ChatRequest request, boolean stream) {
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        List<Message> all = request.messages();
        OwnReasoning.noteForeign(all, "ollama", model); // Ollama takes no reasoning state
        for (int i = 0; i < all.size(); i++) messages.add(message(all, i));
        tools(request);
        format(request.responseFormat());
        options(request);
        body.put("stream", stream);
        OPTIONS.merge(body, request.providerOptions(provider), provider, model);
        return body;
    }

    private ObjectNode message(List<Message> all, int index) {
        Message m = all.get(index);
        Role role = m.role();
        if (!Set.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL).contains(role)) {
            throw invalid("Ollama has no role '" + role + "'");
        }
        ObjectNode out = ProviderJson.MAPPER.createObjectNode();
        out.put("role", role.value());
        out.put("content", m.text());
        ArrayNode images = null;
        for (ContentPart p : m.content()) {
            if (p instanceof ContentPart.Text) continue;
            if (!(p instanceof ContentPart.Image image)) throw invalid("Ollama cannot read documents (" + p + ")");
            if (!(role.equals(Role.USER) || role.equals(Role.ASSISTANT))) {
                throw invalid("Ollama takes images in user or assistant messages, not in a " + role + " message");
            }
            if (image.media().isUrl()) {
                throw invalid("media given by URL must be fetched before it reaches Ollama (" + image.media() + ")");
            }
            if (images == null) images = out.putArray("images");
            images.add(image.media().base64().orElseThrow());
        }
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                JsonNode args = ProviderJson.tryParse(call.argumentsJson());
                if (args == null || !args.isObject()) {
                    throw invalid("the arguments of tool call '" + call.name() + "' are not a JSON object");
                }
                ObjectNode function = calls.addObject().putObject("function");
                function.put("name", call.name());
                function.set("arguments", args);
            }
        }
        if (role.equals(Role.TOOL)) {
            String id = m.toolCallId().orElseThrow();
            String name = toolName(all, index, id);
            if (name == null) throw invalid("tool result for call '" + id + "' answers no earlier tool call");
            out.put("tool_name", name);
        }
        return out;
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

    private void tools(ChatRequest request) {
        switch (request.toolChoice().mode()) {
            case "auto" -> {}
            case "none" -> {
                return;
            }
            default -> throw invalid("Ollama cannot force a tool call (tool choice " + request.toolChoice() + ")");
        }
        if (request.tools().isEmpty()) return;
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : request.tools()) {
            ObjectNode t = tools.addObject();
            t.put("type", "function");
            ObjectNode f = t.putObject("function");
            f.put("name", tool.name());
            f.put("description", tool.description());
            f.set("parameters", ProviderJson.tryParse(tool.parametersSchema()));
        }
    }

    private void format(ResponseFormat format) {
        switch (format.type()) {
            case "json_object" -> body.put("format", "json");
            case "json_schema" ->
                body.set("format", ProviderJson.tryParse(format.schema().orElseThrow()));
            default -> {}
        }
    }

    /** Only what the caller set: Ollama's model defaults apply to everything else. */
    private void options(ChatRequest request) {
        ObjectNode options = ProviderJson.MAPPER.createObjectNode();
        request.temperature().ifPresent(t -> options.put("temperature", t));
        request.maxOutputTokens().ifPresent(n -> options.put("num_predict", n));
        if (!request.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            request.stop().forEach(stop::add);
        }
        request.seed().ifPresent(s -> options.put("seed", s));
        if (!options.isEmpty()) body.set("options", options);
    }

    private InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, ErrorDetails.of(provider, model));
    }
}
