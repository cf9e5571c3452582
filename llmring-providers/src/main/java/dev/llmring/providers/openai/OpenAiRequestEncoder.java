package dev.llmring.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.ResponseFormat;
import dev.llmring.Tool;
import dev.llmring.ToolChoice;
import dev.llmring.providers.internal.OwnReasoning;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.ProviderOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a {@link ChatRequest} as a Chat Completions body. Throws {@link IllegalArgumentException} for what the
 * wire cannot express (the adapter reports that as an invalid request), and {@link dev.llmring.InvalidRequestException}
 * for a refused provider option.
 */
final class OpenAiRequestEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRequestEncoder.class);

    /** Fields only the adapter writes: provider options naming one, or one the request already set, are refused. */
    private static final ProviderOptions OPTIONS = ProviderOptions.owning(
            "model",
            "messages",
            "stream",
            "stream_options",
            "tools",
            "tool_choice",
            "response_format",
            "functions",
            "function_call");

    /**
     * Reasoning families: {@code o1}, {@code o3}, {@code o4} … and {@code gpt-5*}, with an optional fine-tune prefix
     * ({@code ft:o4-mini-2025-04-16:org::id}). Matched against the id after its last {@code /}, so
     * {@code openai/o3-mini} on a router counts too.
     */
    private static final Pattern REASONING_MODEL = Pattern.compile("^(ft:)?(o[1-9][0-9]*(-.*)?|gpt-5.*)$");

    /** Models answered so far; a pool names a handful, so this stays small (and is capped regardless). */
    private static final int MAX_REMEMBERED = 256;

    private final String provider;
    private final Map<String, Boolean> reasoningModels = new ConcurrentHashMap<>();

    OpenAiRequestEncoder(String provider) {
        this.provider = provider;
    }

    /** Whether {@code model} takes {@code max_completion_tokens} and rejects {@code temperature}. */
    static boolean isReasoningModel(String model) {
        return REASONING_MODEL
                .matcher(model.substring(model.lastIndexOf('/') + 1))
                .matches();
    }

    /** {@link #isReasoningModel}, remembered per model so that a call runs no regular expression. */
    private boolean rememberedReasoning(String model) {
        Boolean known = reasoningModels.get(model);
        if (known != null) return known;
        boolean reasoning = isReasoningModel(model);
        if (reasoningModels.size() < MAX_REMEMBERED) reasoningModels.put(model, reasoning);
        return reasoning;
    }

    ObjectNode encode(ChatRequest request, String model, boolean stream) {
        ObjectNode body = ProviderJson.MAPPER.createObjectNode();
        body.put("model", model);
        OwnReasoning.noteForeign(request.messages(), "openai", model); // Chat Completions takes no reasoning state
        body.set("messages", OpenAiMessageEncoder.encode(request.messages()));
        boolean reasoning = rememberedReasoning(model);
        if (request.temperature().isPresent()) {
            if (reasoning) {
                LOG.debug("temperature dropped: reasoning model {} does not accept it", model);
            } else {
                body.put("temperature", request.temperature().getAsDouble());
            }
        }
        request.maxOutputTokens().ifPresent(n -> body.put(reasoning ? "max_completion_tokens" : "max_tokens", n));
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
        }
        request.seed().ifPresent(seed -> body.put("seed", seed));
        request.reasoning()
                .ifPresent(r -> body.put("reasoning_effort", r.effort().wireName()));
        boolean strict = request.responseFormat().strict();
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool, strict)));
            JsonNode choice = toolChoice(request.toolChoice());
            if (choice != null) body.set("tool_choice", choice);
        }
        JsonNode format = responseFormat(request.responseFormat());
        if (format != null) body.set("response_format", format);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        OPTIONS.merge(body, request.providerOptions(provider), provider, model);
        return body;
    }

    private static ObjectNode tool(Tool tool, boolean strict) {
        ObjectNode node = ProviderJson.MAPPER.createObjectNode().put("type", "function");
        ObjectNode function = node.putObject("function").put("name", tool.name());
        if (!tool.description().isBlank()) function.put("description", tool.description());
        function.set("parameters", parse(tool.parametersSchema(), "parameters schema of tool '" + tool.name() + "'"));
        if (strict) function.put("strict", true);
        return node;
    }

    /** {@code auto} is the provider's default when tools are given, so it is left out. */
    private static @Nullable JsonNode toolChoice(ToolChoice choice) {
        if (choice.equals(ToolChoice.AUTO)) return null;
        if (choice.equals(ToolChoice.NONE))
            return ProviderJson.MAPPER.getNodeFactory().textNode("none");
        if (choice.equals(ToolChoice.REQUIRED))
            return ProviderJson.MAPPER.getNodeFactory().textNode("required");
        String name =
                choice.toolName().orElseThrow(() -> new IllegalArgumentException("unsupported tool choice " + choice));
        ObjectNode node = ProviderJson.MAPPER.createObjectNode().put("type", "function");
        node.putObject("function").put("name", name);
        return node;
    }

    private static @Nullable JsonNode responseFormat(ResponseFormat format) {
        switch (format.type()) {
            case "text":
                return null;
            case "json_object":
                return ProviderJson.MAPPER.createObjectNode().put("type", "json_object");
            case "json_schema":
                String name = format.name().orElseThrow();
                ObjectNode node = ProviderJson.MAPPER.createObjectNode().put("type", "json_schema");
                ObjectNode schema = node.putObject("json_schema").put("name", name);
                schema.set("schema", parse(format.schema().orElseThrow(), "response schema '" + name + "'"));
                schema.put("strict", format.strict());
                return node;
            default:
                throw new IllegalArgumentException("unsupported response format " + format);
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            return ProviderJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
