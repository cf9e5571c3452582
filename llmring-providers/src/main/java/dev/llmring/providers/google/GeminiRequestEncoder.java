package dev.llmring.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.Reasoning;
import dev.llmring.ReasoningPart;
import dev.llmring.ResponseFormat;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import dev.llmring.ToolChoice;
import dev.llmring.providers.internal.OwnReasoning;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.ProviderOptions;
import dev.llmring.providers.internal.RawText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a {@link ChatRequest} into a {@code GenerateContentRequest} body. One instance per encoded request. */
final class GeminiRequestEncoder {
    /** Google's documented value that tells Gemini 3+ to skip validating a missing thought signature. */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    /** Options may add fields and keys of {@code generationConfig}, never replace what the request encodes. */
    private static final ProviderOptions OPTIONS = ProviderOptions.owning(
                    "contents", "systemInstruction", "tools", "toolConfig")
            .mergingInto("generationConfig");

    private final String provider;
    private final String model;
    private final ObjectNode body = ProviderJson.mapper().createObjectNode();

    private GeminiRequestEncoder(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /**
     * @throws InvalidRequestException when the request uses something Gemini cannot express
     */
    static ObjectNode encode(ChatRequest request, String provider, String model) {
        return new GeminiRequestEncoder(provider, model).encode(request);
    }

    private ObjectNode encode(ChatRequest request) {
        ArrayNode system = ProviderJson.mapper().createArrayNode();
        ArrayNode contents = body.putArray("contents");
        List<Message> messages = request.messages();
        OwnReasoning.noteForeign(messages, GoogleProviderFactory.NAME, model);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            Role role = m.role();
            if (role.equals(Role.SYSTEM)) {
                for (ContentPart p : m.content()) {
                    if (!(p instanceof ContentPart.Text t)) throw invalid("a system message may only hold text");
                    system.addObject().put("text", t.text());
                }
            } else if (role.equals(Role.USER)) {
                append(contents, "user", mediaParts(m));
            } else if (role.equals(Role.ASSISTANT)) {
                append(contents, "model", modelParts(m));
            } else if (role.equals(Role.TOOL)) {
                int end = i;
                while (end + 1 < messages.size() && messages.get(end + 1).role().equals(Role.TOOL)) end++;
                append(contents, "user", toolResults(messages, i, end));
                i = end;
            } else {
                throw invalid("Gemini has no role '" + role + "'");
            }
        }
        if (contents.isEmpty()) throw invalid("Gemini needs at least one user message besides the system prompt");
        if (!system.isEmpty()) body.putObject("systemInstruction").set("parts", system);
        tools(request);
        generationConfig(request);
        OPTIONS.merge(body, request.providerOptions(provider), provider, model);
        return body;
    }

    /** Appends a turn, merging it into the previous one when both have the same role (Gemini wants alternation). */
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) return;
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && last.path("role").asText().equals(role)) {
            ((ArrayNode) last.get("parts")).addAll(parts);
        } else {
            ObjectNode content = contents.addObject();
            content.put("role", role);
            content.set("parts", parts);
        }
    }

    private ArrayNode mediaParts(Message m) {
        ArrayNode parts = ProviderJson.mapper().createArrayNode();
        for (ContentPart p : m.content()) {
            if (p instanceof ContentPart.Text t) {
                parts.addObject().put("text", t.text());
            } else {
                ContentPart.Media media =
                        p instanceof ContentPart.Image img ? img.media() : ((ContentPart.Document) p).media();
                if (media.isUrl()) {
                    throw invalid("media given by URL must be fetched before it reaches Gemini (" + media + ")");
                }
                ObjectNode inline = parts.addObject().putObject("inlineData");
                inline.put("mimeType", media.mediaType().orElseThrow());
                inline.put("data", media.base64().orElseThrow());
            }
        }
        return parts;
    }

    /**
     * An assistant turn's parts with their thought signatures back where they came: signed thoughts and raw parts in
     * the order they came, then the content (only the text the raw text parts do not carry, see {@link RawText}; a
     * signature that came on answer text goes on the last text part), then the function calls, each with its own
     * signature. Only when no call of the turn has a known signature do Gemini 3+ calls get the bypass value.
     */
    private ArrayNode modelParts(Message m) {
        ArrayNode parts = ProviderJson.mapper().createArrayNode();
        Map<String, String> callSignatures = new HashMap<>();
        @Nullable String textSignature = null;
        List<ReasoningPart> own = OwnReasoning.of(m, GoogleProviderFactory.NAME);
        String rest = RawText.remainder(m, own, GeminiRequestEncoder::rawText);
        for (ReasoningPart r : own) {
            if (r.isRaw()) {
                ObjectNode part = RawText.object(r);
                if (part == null) throw invalid("a raw Gemini part is not a JSON object");
                if (rest != null || rawText(part) == null) parts.add(part); // else its text goes in the text below
                continue;
            }
            String signature = r.signature().orElse(null);
            if (signature == null) continue;
            if (r.toolCallId().isPresent()) {
                callSignatures.put(r.toolCallId().get(), signature);
            } else if (!r.text().isEmpty()) {
                parts.addObject().put("text", r.text()).put("thought", true).put("thoughtSignature", signature);
            } else {
                textSignature = signature;
            }
        }
        if (rest == null) parts.addAll(mediaParts(m));
        else if (!rest.isEmpty()) parts.addObject().put("text", rest);
        if (textSignature != null) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                JsonNode part = parts.get(i);
                if (rawText(part) != null) {
                    if (!part.has("thoughtSignature")) ((ObjectNode) part).put("thoughtSignature", textSignature);
                    break;
                }
            }
        }
        boolean bypass = callSignatures.isEmpty() && isGemini3OrLater(model);
        for (ToolCall call : m.toolCalls()) {
            ObjectNode part = functionCall(call);
            String signature = callSignatures.get(call.id());
            if (signature != null) part.put("thoughtSignature", signature);
            else if (bypass) part.put("thoughtSignature", SKIP_SIGNATURE);
            parts.add(part);
        }
        return parts;
    }

    /** The text of an answer-text part (not a thought), else {@code null}. */
    private static @Nullable String rawText(JsonNode part) {
        return part.has("text") && !part.path("thought").asBoolean(false)
                ? part.get("text").asText("")
                : null;
    }

    private ObjectNode functionCall(ToolCall call) {
        JsonNode args = ProviderJson.tryParse(call.argumentsJson());
        if (args == null || !args.isObject()) {
            throw invalid("the arguments of tool call '" + call.name() + "' are not a JSON object");
        }
        ObjectNode part = ProviderJson.mapper().createObjectNode();
        ObjectNode fc = part.putObject("functionCall");
        fc.put("name", call.name());
        fc.set("args", args);
        return part;
    }

    /**
     * The results of tool messages {@code from..to} as {@code functionResponse} parts, ordered as the calls they
     * answer (Gemini pairs results with calls by name and order, not by id).
     */
    private ArrayNode toolResults(List<Message> messages, int from, int to) {
        record Answer(int position, ObjectNode part) {}
        List<Answer> answers = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            Message m = messages.get(i);
            String id = m.toolCallId().orElseThrow();
            int[] position = {Integer.MAX_VALUE};
            String name = findCall(messages, from, id, position);
            if (name == null) {
                throw invalid("tool result for call '" + id + "' answers no tool call of an earlier assistant message");
            }
            for (ContentPart p : m.content()) {
                if (!(p instanceof ContentPart.Text)) throw invalid("a tool result may only hold text for Gemini");
            }
            ObjectNode part = ProviderJson.mapper().createObjectNode();
            ObjectNode fr = part.putObject("functionResponse");
            fr.put("name", name);
            fr.set("response", responseObject(m.text()));
            answers.add(new Answer(position[0], part));
        }
        answers.sort(Comparator.comparingInt(Answer::position));
        ArrayNode parts = ProviderJson.mapper().createArrayNode();
        answers.forEach(a -> parts.add(a.part()));
        return parts;
    }

    /** The name of call {@code id} in the nearest assistant message before {@code before}; its index in position. */
    private static @Nullable String findCall(List<Message> messages, int before, String id, int[] position) {
        for (int i = before - 1; i >= 0; i--) {
            List<ToolCall> calls = messages.get(i).toolCalls();
            for (int c = 0; c < calls.size(); c++) {
                if (calls.get(c).id().equals(id)) {
                    position[0] = c;
                    return calls.get(c).name();
                }
            }
        }
        return null;
    }

    /** A JSON object result as is; anything else under {@code output} (Google's convention). */
    private static JsonNode responseObject(String text) {
        JsonNode parsed = ProviderJson.tryParse(text);
        if (parsed != null && parsed.isObject()) return parsed;
        ObjectNode wrapped = ProviderJson.mapper().createObjectNode();
        if (parsed != null && !parsed.isTextual()) wrapped.set("output", parsed);
        else wrapped.put("output", text);
        return wrapped;
    }

    private void tools(ChatRequest request) {
        if (request.tools().isEmpty()) return;
        ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
        for (Tool tool : request.tools()) {
            ObjectNode d = declarations.addObject();
            d.put("name", tool.name());
            if (!tool.description().isEmpty()) d.put("description", tool.description());
            JsonNode schema = ProviderJson.tryParse(tool.parametersSchema());
            if (!takesNoArguments(schema)) {
                d.set("parameters", translate(schema, "parameters schema of tool '" + tool.name() + "'"));
            }
        }
        ToolChoice choice = request.toolChoice();
        String mode =
                switch (choice.mode()) {
                    case "none" -> "NONE";
                    case "required", "tool" -> "ANY";
                    default -> null;
                };
        if (mode == null) return;
        ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
        config.put("mode", mode);
        choice.toolName().ifPresent(n -> config.putArray("allowedFunctionNames").add(n));
    }

    /**
     * Whether a parameters schema is an object with no properties and no constraints: Gemini rejects an OBJECT
     * without properties, so such a tool is declared without {@code parameters}.
     */
    private static boolean takesNoArguments(@Nullable JsonNode schema) {
        if (schema == null || !schema.isObject()) return false;
        for (var it = schema.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            boolean empty =
                    switch (e.getKey()) {
                        case "type" -> v.asText().equals("object");
                        case "properties", "required" -> v.isEmpty();
                        case "additionalProperties" -> v.isBoolean() && !v.asBoolean();
                        case "$schema", "title", "description" -> true;
                        default -> false;
                    };
            if (!empty) return false;
        }
        return true;
    }

    private void generationConfig(ChatRequest request) {
        ObjectNode config = ProviderJson.mapper().createObjectNode();
        request.temperature().ifPresent(t -> config.put("temperature", t));
        request.maxOutputTokens().ifPresent(n -> config.put("maxOutputTokens", n));
        if (!request.stop().isEmpty()) {
            ArrayNode stops = config.putArray("stopSequences");
            request.stop().forEach(stops::add);
        }
        if (request.seed().isPresent()) {
            long seed = request.seed().getAsLong();
            if (seed < Integer.MIN_VALUE || seed > Integer.MAX_VALUE) {
                throw invalid("Gemini's seed is a 32-bit integer, was " + seed);
            }
            config.put("seed", (int) seed);
        }
        ResponseFormat format = request.responseFormat();
        if (!format.type().equals("text")) config.put("responseMimeType", "application/json");
        if (format.type().equals("json_schema")) {
            JsonNode schema = ProviderJson.tryParse(format.schema().orElseThrow());
            config.set(
                    "responseSchema",
                    translate(schema, "response schema '" + format.name().orElse("") + "'"));
        }
        request.reasoning().ifPresent(r -> {
            ObjectNode thinking = config.putObject("thinkingConfig");
            // Gemini 3 takes a level (Flash low, medium or high; Pro low or high); Gemini 2.5 a budget
            if (!r.isBudget() && isGemini3OrLater(model)) {
                boolean flash = model.contains("flash");
                Reasoning.Effort e = r.effort();
                thinking.put("thinkingLevel", flash || e != Reasoning.Effort.MEDIUM ? e.wireName() : "high");
            } else {
                thinking.put("thinkingBudget", r.budgetTokens());
            }
        });
        if (!config.isEmpty()) body.set("generationConfig", config);
    }

    private ObjectNode translate(@Nullable JsonNode schema, String what) {
        if (schema == null) throw invalid(what + " is not JSON");
        GeminiSchemaTranslator.Result result = GeminiSchemaTranslator.translate(schema);
        if (!result.ok()) {
            throw invalid(what + " cannot be expressed for Gemini: " + String.join("; ", result.problems()));
        }
        return result.schema();
    }

    private InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, ErrorDetails.of(provider, model));
    }

    /**
     * Whether {@code model} (optionally {@code prefix/}) names Gemini 3 or later: {@code gemini-N} with N from 3, or
     * two or more digits, then the end, {@code .} or {@code -}. A linear scan: the name comes from the lockfile.
     */
    static boolean isGemini3OrLater(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1);
        if (!name.startsWith("gemini-")) return false;
        int start = "gemini-".length();
        int end = start;
        while (end < name.length() && name.charAt(end) >= '0' && name.charAt(end) <= '9') end++;
        int digits = end - start;
        if (digits == 0 || (digits == 1 && name.charAt(start) < '3')) return false;
        return end == name.length() || name.charAt(end) == '.' || name.charAt(end) == '-';
    }
}
