package dev.llmring.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmring.ChatRequest;
import dev.llmring.ResponseFormat;
import dev.llmring.Tool;
import dev.llmring.ToolChoice;
import dev.llmring.providers.internal.OwnReasoning;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.ProviderOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Models answered so far; a pool names a handful, so this stays small (and is capped regardless). */
    private static final int MAX_REMEMBERED = 256;

    private final String provider;
    private final Map<String, Boolean> reasoningModels = new ConcurrentHashMap<>();

    OpenAiRequestEncoder(String provider) {
        this.provider = provider;
    }

    /**
     * Whether {@code model} takes {@code max_completion_tokens} and rejects {@code temperature}: the reasoning families
     * {@code o1}, {@code o3}, {@code o4} … and {@code gpt-5*}, with an optional fine-tune prefix
     * ({@code ft:o4-mini-2025-04-16:org::id}), matched against the id after its last {@code /}, so
     * {@code openai/o3-mini} on a router counts too.
     */
    static boolean isReasoningModel(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1);
        if (name.startsWith("ft:")) name = name.substring(3);
        if (name.startsWith("gpt-5")) return true;
        // o<N>[-anything], N a number without a leading zero: a linear scan, no regular expression
        if (name.length() < 2 || name.charAt(0) != 'o' || name.charAt(1) < '1' || name.charAt(1) > '9') return false;
        int i = 2;
        while (i < name.length() && name.charAt(i) >= '0' && name.charAt(i) <= '9') i++;
        return i == name.length() || name.charAt(i) == '-';
    }

    /** {@link #isReasoningModel}, remembered per model so that a call runs no regular expression. */
    private boolean rememberedReasoning(String model) {
        Boolean known = reasoningModels.get(model);
        if (known != null) return known;
        boolean reasoning = isReasoningModel(model);
        if (reasoningModels.size() < MAX_REMEMBERED) reasoningModels.put(model, reasoning);
        return reasoning;
    }

    /**
     * The body as UTF-8 JSON, written straight to bytes.
     *
     * @throws IllegalArgumentException when the request uses something Chat Completions cannot express
     * @throws dev.llmring.InvalidRequestException when a provider option is refused
     */
    byte[] encode(ChatRequest request, String model, boolean stream) {
        OwnReasoning.noteForeign(request.messages(), "openai", model); // Chat Completions takes no reasoning state
        boolean reasoning = rememberedReasoning(model);
        return ProviderJson.bytes(json -> write(json, request, model, stream, reasoning));
    }

    private void write(JsonGenerator json, ChatRequest request, String model, boolean stream, boolean reasoning)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("model", model);
        json.writeFieldName("messages");
        OpenAiMessageEncoder.write(json, request.messages());
        boolean temperature = false;
        if (request.temperature().isPresent()) {
            if (reasoning) {
                LOG.debug("temperature dropped: reasoning model {} does not accept it", model);
            } else {
                json.writeNumberField("temperature", request.temperature().getAsDouble());
                temperature = true;
            }
        }
        String maxTokens = reasoning ? "max_completion_tokens" : "max_tokens";
        if (request.maxOutputTokens().isPresent()) {
            json.writeNumberField(maxTokens, request.maxOutputTokens().getAsInt());
        }
        if (!request.stop().isEmpty()) {
            json.writeArrayFieldStart("stop");
            for (String stop : request.stop()) json.writeString(stop);
            json.writeEndArray();
        }
        if (request.seed().isPresent())
            json.writeNumberField("seed", request.seed().getAsLong());
        if (request.reasoning().isPresent()) {
            json.writeStringField(
                    "reasoning_effort", request.reasoning().get().effort().wireName());
        }
        boolean strict = request.responseFormat().strict();
        if (!request.tools().isEmpty()) {
            json.writeArrayFieldStart("tools");
            for (Tool tool : request.tools()) tool(json, tool, strict);
            json.writeEndArray();
            toolChoice(json, request.toolChoice());
        }
        responseFormat(json, request.responseFormat());
        if (stream) {
            json.writeBooleanField("stream", true);
            json.writeObjectFieldStart("stream_options");
            json.writeBooleanField("include_usage", true);
            json.writeEndObject();
        }
        Map<String, @Nullable Object> options = request.providerOptions(provider);
        if (!options.isEmpty()) {
            boolean wroteTemperature = temperature;
            OPTIONS.write(
                    json,
                    options,
                    key -> switch (key) {
                        case "temperature" -> wroteTemperature;
                        case "max_tokens", "max_completion_tokens" ->
                            key.equals(maxTokens) && request.maxOutputTokens().isPresent();
                        case "stop" -> !request.stop().isEmpty();
                        case "seed" -> request.seed().isPresent();
                        case "reasoning_effort" -> request.reasoning().isPresent();
                        default -> false; // the other fields written above are owned: refused before this
                    },
                    provider,
                    model);
        }
        json.writeEndObject();
    }

    private static void tool(JsonGenerator json, Tool tool, boolean strict) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "function");
        json.writeObjectFieldStart("function");
        json.writeStringField("name", tool.name());
        if (!tool.description().isBlank()) json.writeStringField("description", tool.description());
        json.writeFieldName("parameters");
        ProviderJson.copy(tool.parametersSchema(), json, "parameters schema of tool '" + tool.name() + "'");
        if (strict) json.writeBooleanField("strict", true);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** {@code auto} is the provider's default when tools are given, so it is left out. */
    private static void toolChoice(JsonGenerator json, ToolChoice choice) throws IOException {
        if (choice.equals(ToolChoice.AUTO)) return;
        if (choice.equals(ToolChoice.NONE)) {
            json.writeStringField("tool_choice", "none");
        } else if (choice.equals(ToolChoice.REQUIRED)) {
            json.writeStringField("tool_choice", "required");
        } else {
            String name = choice.toolName()
                    .orElseThrow(() -> new IllegalArgumentException("unsupported tool choice " + choice));
            json.writeObjectFieldStart("tool_choice");
            json.writeStringField("type", "function");
            json.writeObjectFieldStart("function");
            json.writeStringField("name", name);
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void responseFormat(JsonGenerator json, ResponseFormat format) throws IOException {
        switch (format.type()) {
            case "text":
                return;
            case "json_object":
                json.writeObjectFieldStart("response_format");
                json.writeStringField("type", "json_object");
                json.writeEndObject();
                return;
            case "json_schema":
                String name = format.name().orElseThrow();
                json.writeObjectFieldStart("response_format");
                json.writeStringField("type", "json_schema");
                json.writeObjectFieldStart("json_schema");
                json.writeStringField("name", name);
                json.writeFieldName("schema");
                ProviderJson.copy(format.schema().orElseThrow(), json, "response schema '" + name + "'");
                json.writeBooleanField("strict", format.strict());
                json.writeEndObject();
                json.writeEndObject();
                return;
            default:
                throw new IllegalArgumentException("unsupported response format " + format);
        }
    }
}
