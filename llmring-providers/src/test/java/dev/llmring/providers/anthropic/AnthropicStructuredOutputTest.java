package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.body;
import static dev.llmring.providers.anthropic.Fixtures.decodeBody;
import static dev.llmring.providers.anthropic.Fixtures.decodeStream;
import static dev.llmring.providers.anthropic.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.FinishReason;
import dev.llmring.InvalidRequestException;
import dev.llmring.ResponseFormat;
import dev.llmring.StreamEvent;
import dev.llmring.Tool;
import dev.llmring.ToolChoice;
import dev.llmring.providers.testsupport.RecordingSink;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnthropicStructuredOutputTest {
    static final String CITY_SCHEMA =
            """
            {"type": "object", "properties": {"city": {"type": "string"}, "population": {"type": "integer"}},
             "required": ["city", "population"]}""";
    static final ResponseFormat CITY = ResponseFormat.jsonSchema("city", CITY_SCHEMA, true);
    static final Tool LOOKUP = Tool.of(
            "lookup_population",
            "Population of a city",
            "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}");

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("a").user("Largest city of France?").responseFormat(CITY);
    }

    private static String text(List<StreamEvent> events) {
        return events.stream()
                .filter(StreamEvent.TextDelta.class::isInstance)
                .map(e -> ((StreamEvent.TextDelta) e).text())
                .collect(Collectors.joining());
    }

    private static FinishReason finish(List<StreamEvent> events) {
        return ((StreamEvent.Finish) events.get(events.size() - 1)).reason();
    }

    @Test
    void forcesTheAnswerToolWhoseSchemaIsTheResponseSchema() {
        JsonNode body = body(request().build());

        assertEquals(ToolsEncoder.ANSWER_TOOL, body.at("/tools/0/name").asText());
        assertEquals(json(CITY_SCHEMA), body.at("/tools/0/input_schema"));
        assertEquals(json("{\"type\": \"tool\", \"name\": \"llmring_answer\"}"), body.get("tool_choice"));
    }

    @Test
    void offersCallerToolsAndAnswerToolUnderAnyWhenChoiceIsAuto() {
        JsonNode body = body(request().tool(LOOKUP).build());

        assertEquals(2, body.get("tools").size());
        assertEquals("lookup_population", body.at("/tools/0/name").asText());
        assertEquals(ToolsEncoder.ANSWER_TOOL, body.at("/tools/1/name").asText());
        assertEquals(json("{\"type\": \"any\"}"), body.get("tool_choice"));
    }

    @Test
    void forcesTheAnswerToolWhenCallerToolsAreDisallowed() {
        JsonNode body = body(request().tool(LOOKUP).toolChoice(ToolChoice.NONE).build());

        assertEquals(2, body.get("tools").size());
        assertEquals(json("{\"type\": \"tool\", \"name\": \"llmring_answer\"}"), body.get("tool_choice"));
    }

    @Test
    void leavesRequiredToolChoiceToCallerToolsOnly() {
        JsonNode body =
                body(request().tool(LOOKUP).toolChoice(ToolChoice.REQUIRED).build());

        assertEquals(1, body.get("tools").size());
        assertEquals(json("{\"type\": \"any\"}"), body.get("tool_choice"));
    }

    @Test
    void usesAutoChoiceWhenExtendedThinkingIsOn() {
        JsonNode body = body(request()
                .providerOptions("anthropic", Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 2048)))
                .build());

        assertEquals(ToolsEncoder.ANSWER_TOOL, body.at("/tools/0/name").asText());
        assertEquals(json("{\"type\": \"auto\"}"), body.get("tool_choice"));
    }

    @Test
    void servesJsonObjectFormatWithAnObjectSchema() {
        JsonNode body = body(ChatRequest.builder("a")
                .user("Hi")
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .build());

        assertEquals(json("{\"type\": \"object\"}"), body.at("/tools/0/input_schema"));
    }

    @Test
    void rejectsCallerToolNamedLikeTheAnswerTool() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .tool(Tool.of(ToolsEncoder.ANSWER_TOOL, "", "{}"))
                .build();

        assertThrows(InvalidRequestException.class, () -> body(request));
    }

    @Test
    void reportsAnswerToolCalledWithoutInputAsEmptyObjectText() {
        RecordingSink sink = new RecordingSink();
        var decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);
        decoder.onFrame(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_01Em9Pt2Yx4Ab6Cd8Ef0Gh2J\",\"name\":\"llmring_answer\",\"input\":{}}}");
        decoder.onFrame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        decoder.onFrame(
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                        + "\"usage\":{\"output_tokens\":9}}");
        decoder.onFrame("message_stop", "{\"type\":\"message_stop\"}");
        decoder.onEnd();

        assertEquals("{}", text(sink.events));
    }

    @Test
    void reportsAnswerToolInputAsTextFinishingStop() {
        List<StreamEvent> events = decodeBody("message-structured.json");

        assertEquals(json("{\"city\": \"Paris\", \"population\": 2102650}"), json(text(events)));
        assertTrue(events.stream()
                .noneMatch(e -> e instanceof StreamEvent.ToolCallStart || e instanceof StreamEvent.ToolCallComplete));
        assertEquals(FinishReason.of(FinishReason.STOP, "tool_use"), finish(events));
    }

    @Test
    void streamsAnswerToolFragmentsAsTextDeltas() {
        List<StreamEvent> events = decodeStream("stream-structured.sse");

        assertEquals(
                List.of(
                        new StreamEvent.TextDelta("{\"city\": \"Par"),
                        new StreamEvent.TextDelta("is\", \"population\": 2102650}")),
                events.stream().filter(StreamEvent.TextDelta.class::isInstance).toList());
        assertTrue(events.stream().noneMatch(StreamEvent.ToolCallDelta.class::isInstance));
        assertTrue(finish(events).is(FinishReason.STOP));
    }

    @Test
    void reportsCallerToolCallsMadeInsteadOfTheAnswer() {
        List<StreamEvent> events = decodeBody("message-structured-with-caller-tool.json");

        assertEquals("", text(events));
        assertTrue(events.stream().anyMatch(StreamEvent.ToolCallComplete.class::isInstance));
        assertTrue(finish(events).is(FinishReason.TOOL_CALLS));
        assertFalse(finish(events).is(FinishReason.STOP));
    }
}
