package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.ResponseFormat;
import dev.llmring.Tool;
import dev.llmring.ToolChoice;
import dev.llmring.providers.internal.ProviderJson;
import java.io.UncheckedIOException;

/**
 * Encodes {@code tools} and {@code tool_choice}, including the synthetic answer tool that carries structured output
 * (see the package documentation for when it is offered and how it is chosen).
 */
final class ToolsEncoder {
    /** The synthetic tool whose input is the structured answer. Its calls are reported as text, never as tool calls. */
    static final String ANSWER_TOOL = "llmring_answer";

    private static final String ANY_OBJECT = "{\"type\":\"object\"}";

    private final EncodeContext ctx;

    ToolsEncoder(EncodeContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Puts {@code tools} and {@code tool_choice} on {@code root}, or neither when there are no tools.
     *
     * @param thinking whether extended thinking is on (Anthropic then allows only {@code auto} and {@code none})
     */
    void encode(ChatRequest request, boolean thinking, ObjectNode root) {
        ArrayNode tools = ProviderJson.mapper().createArrayNode();
        for (Tool t : request.tools()) {
            if (t.name().equals(ANSWER_TOOL)) { // the decoder reports this tool's calls as text
                throw ctx.invalid("tool name '" + ANSWER_TOOL + "' is reserved for structured output");
            }
            tools.add(tool(t.name(), t.description(), t.parametersSchema()));
        }
        ToolChoice choice = request.toolChoice();
        ObjectNode choiceNode;
        boolean offerAnswer = structured(request.responseFormat())
                && (choice.equals(ToolChoice.AUTO) || choice.equals(ToolChoice.NONE));
        if (offerAnswer) {
            tools.add(answerTool(request.responseFormat()));
            if (thinking) {
                choiceNode = choice("auto");
            } else if (choice.equals(ToolChoice.AUTO) && !request.tools().isEmpty()) {
                choiceNode = choice("any");
            } else {
                choiceNode = choice("tool").put("name", ANSWER_TOOL);
            }
        } else {
            choiceNode = switch (choice.mode()) {
                case "auto" -> choice("auto");
                case "none" -> choice("none");
                case "required" -> choice("any");
                case "tool" -> choice("tool").put("name", choice.toolName().orElseThrow());
                default -> throw ctx.invalid("Anthropic cannot express tool choice " + choice);
            };
        }
        if (tools.isEmpty()) return;
        root.set("tools", tools);
        root.set("tool_choice", choiceNode);
    }

    static boolean structured(ResponseFormat format) {
        return format.type().equals("json_schema") || format.type().equals("json_object");
    }

    private ObjectNode answerTool(ResponseFormat format) {
        String description = format.name()
                .map(n -> "Give your final answer by calling this tool. Its input is the answer itself: JSON"
                        + " matching the schema '" + n + "'.")
                .orElse("Give your final answer by calling this tool. Its input is the answer itself, as a JSON"
                        + " object.");
        return tool(ANSWER_TOOL, description, format.schema().orElse(ANY_OBJECT));
    }

    private static ObjectNode tool(String name, String description, String schema) {
        ObjectNode tool = ProviderJson.mapper().createObjectNode().put("name", name);
        if (!description.isBlank()) tool.put("description", description);
        tool.set("input_schema", parse(schema));
        return tool;
    }

    private static ObjectNode choice(String type) {
        return ProviderJson.mapper().createObjectNode().put("type", type);
    }

    /** Schemas were checked to be JSON objects when the tool or format was built. */
    private static JsonNode parse(String schema) {
        try {
            return ProviderJson.mapper().readTree(schema);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
