package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.body;
import static dev.llmring.providers.anthropic.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import dev.llmring.ToolChoice;
import org.junit.jupiter.api.Test;

class AnthropicToolEncodingTest {
    static final String WEATHER_SCHEMA =
            """
            {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}""";
    static final Tool WEATHER = Tool.of("get_weather", "Current weather for a city", WEATHER_SCHEMA);
    static final Tool TIME = Tool.of("get_time", "", "{\"type\": \"object\"}");

    private static ChatRequest.Builder withTools() {
        return ChatRequest.builder("a").user("Weather in Paris?").tool(WEATHER).tool(TIME);
    }

    @Test
    void encodesToolsWithInputSchema() {
        assertEquals(
                json(
                        """
                [{"name": "get_weather", "description": "Current weather for a city", "input_schema":
                    {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}},
                 {"name": "get_time", "input_schema": {"type": "object"}}]
                """),
                body(withTools().build()).get("tools"));
    }

    @Test
    void mapsAutoToolChoice() {
        assertEquals(json("{\"type\": \"auto\"}"), body(withTools().build()).get("tool_choice"));
    }

    @Test
    void mapsRequiredToolChoiceToAny() {
        assertEquals(
                json("{\"type\": \"any\"}"),
                body(withTools().toolChoice(ToolChoice.REQUIRED).build()).get("tool_choice"));
    }

    @Test
    void mapsNoneToolChoice() {
        assertEquals(
                json("{\"type\": \"none\"}"),
                body(withTools().toolChoice(ToolChoice.NONE).build()).get("tool_choice"));
    }

    @Test
    void mapsNamedToolChoice() {
        assertEquals(
                json("{\"type\": \"tool\", \"name\": \"get_time\"}"),
                body(withTools().toolChoice(ToolChoice.tool("get_time")).build())
                        .get("tool_choice"));
    }

    @Test
    void sendsNeitherToolsNorChoiceWithoutTools() {
        ChatRequest request = ChatRequest.builder("a").user("Hi").build();

        assertFalse(body(request).has("tools"));
        assertFalse(body(request).has("tool_choice"));
    }

    @Test
    void encodesParallelToolCallsAndMergesTheirResultsIntoOneUserTurn() {
        ChatRequest request = withTools()
                .message(Message.builder(Role.ASSISTANT)
                        .text("I'll check both.")
                        .toolCall(new ToolCall(
                                "toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\": \"Paris\"}"))
                        .toolCall(new ToolCall("toolu_01B7Kx3tRmV2sQ8yNz4pWc5d", "get_time", ""))
                        .build())
                .message(Message.toolResult("toolu_01A09q90qw90lq917835lq9", "{\"temp_c\": 18}"))
                .message(Message.toolResult("toolu_01B7Kx3tRmV2sQ8yNz4pWc5d", "14:05"))
                .build();

        assertEquals(
                json(
                        """
                [{"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"}]},
                 {"role": "assistant", "content": [
                    {"type": "text", "text": "I'll check both."},
                    {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                     "input": {"location": "Paris"}},
                    {"type": "tool_use", "id": "toolu_01B7Kx3tRmV2sQ8yNz4pWc5d", "name": "get_time", "input": {}}]},
                 {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "{\\"temp_c\\": 18}"},
                    {"type": "tool_result", "tool_use_id": "toolu_01B7Kx3tRmV2sQ8yNz4pWc5d", "content": "14:05"}]}]
                """),
                body(request).get("messages"));
    }

    @Test
    void placesToolResultsBeforeUserTextInTheSameTurn() {
        ChatRequest request = withTools()
                .message(Message.builder(Role.ASSISTANT)
                        .toolCall(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{}"))
                        .build())
                .message(Message.toolResult("toolu_01A09q90qw90lq917835lq9", "sunny"))
                .user("Also, be brief.")
                .build();

        assertEquals(
                json(
                        """
                {"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "sunny"},
                   {"type": "text", "text": "Also, be brief."}]}
                """),
                body(request).at("/messages/2"));
    }

    @Test
    void sendsToolResultWithImageAsBlocksAndCacheHintOnTheResult() {
        ChatRequest request = withTools()
                .message(Message.builder(Role.ASSISTANT)
                        .toolCall(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{}"))
                        .build())
                .message(Message.builder(Role.TOOL)
                        .toolCallId("toolu_01A09q90qw90lq917835lq9")
                        .text("radar:")
                        .part(ContentPart.image(new byte[] {1, 2, 3}, "image/png")
                                .withCacheHint())
                        .build())
                .build();

        assertEquals(
                json(
                        """
                {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9",
                 "content": [{"type": "text", "text": "radar:"},
                             {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AQID"}}],
                 "cache_control": {"type": "ephemeral"}}
                """),
                body(request).at("/messages/2/content/0"));
    }

    @Test
    void rejectsToolCallWhoseArgumentsAreNotAnObject() {
        ChatRequest request = withTools()
                .message(Message.builder(Role.ASSISTANT)
                        .toolCall(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\": \"Pa"))
                        .build())
                .message(Message.toolResult("toolu_01A09q90qw90lq917835lq9", "?"))
                .build();

        assertThrows(InvalidRequestException.class, () -> body(request));
    }
}
