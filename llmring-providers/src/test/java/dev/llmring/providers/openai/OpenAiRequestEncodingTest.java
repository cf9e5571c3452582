package dev.llmring.providers.openai;

import static dev.llmring.providers.openai.OpenAiFixtures.adapter;
import static dev.llmring.providers.openai.OpenAiFixtures.json;
import static dev.llmring.providers.openai.OpenAiFixtures.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.ResponseFormat;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import dev.llmring.ToolChoice;
import dev.llmring.spi.HttpCall;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiRequestEncodingTest {
    private static final String WEATHER_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},"
                    + "\"required\":[\"location\"],\"additionalProperties\":false}";
    private static final Tool WEATHER = Tool.of("get_weather", "Current weather for a location.", WEATHER_SCHEMA);
    private static final Tool TIME = Tool.of(
            "get_time",
            "Current local time in a time zone.",
            "{\"type\":\"object\",\"properties\":{\"timezone\":{\"type\":\"string\"}},"
                    + "\"required\":[\"timezone\"],\"additionalProperties\":false}");

    private static JsonNode body(ChatRequest request, String model) {
        return tree(adapter().encode(request, model, false).body());
    }

    private static ChatRequest.Builder hello() {
        return ChatRequest.builder("greeter").user("Say hello.");
    }

    @Test
    void postsToChatCompletionsWithBearerKeyAndJsonHeaders() {
        HttpCall call = adapter().encode(hello().build(), "gpt-4o-mini", false);

        assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), call.uri());
        assertEquals("Bearer test-key-123", call.headers().get("Authorization"));
        assertEquals("application/json", call.headers().get("Content-Type"));
        assertEquals("application/json", call.headers().get("Accept"));
    }

    @Test
    void callToStringNeverShowsTheKey() {
        HttpCall call = adapter().encode(hello().build(), "gpt-4o-mini", false);

        assertFalse(call.toString().contains(OpenAiFixtures.TEST_KEY), call.toString());
        assertFalse(adapter().toString().contains(OpenAiFixtures.TEST_KEY));
    }

    @Test
    void encodesSystemAndUserTextWithSamplingSettings() {
        ChatRequest request = ChatRequest.builder("answerer")
                .system("Answer in one sentence.")
                .user("What is the capital of France?")
                .temperature(0.2)
                .maxOutputTokens(200)
                .stop("\n\n", "END")
                .seed(7)
                .build();

        assertEquals(json("request-basic.json"), body(request, "gpt-4o-mini"));
    }

    @Test
    void reasoningModelGetsMaxCompletionTokensAndNoTemperature() {
        ChatRequest request = ChatRequest.builder("thinker")
                .user("What is 6 times 7?")
                .temperature(0.7)
                .maxOutputTokens(2000)
                .build();

        assertEquals(json("request-reasoning.json"), body(request, "o3-mini"));
    }

    @Test
    void encodesAssistantToolCallsAndToolResults() {
        ChatRequest request = ChatRequest.builder("travel")
                .system("You are a travel assistant.")
                .user("Weather and time in Paris?")
                .message(Message.builder(Role.ASSISTANT)
                        .toolCall(new ToolCall(
                                "call_Hq1bX8mLk2Vr9Tz4Pw7Nd3Ys", "get_weather", "{\"location\": \"Paris\"}"))
                        .toolCall(new ToolCall(
                                "call_Jd5cY2nMa7Wq3Ux8Qe1Rf6Zt", "get_time", "{\"timezone\": \"Europe/Paris\"}"))
                        .build())
                .message(Message.toolResult("call_Hq1bX8mLk2Vr9Tz4Pw7Nd3Ys", "{\"temperature_c\": 18}"))
                .message(Message.toolResult("call_Jd5cY2nMa7Wq3Ux8Qe1Rf6Zt", "{\"time\": \"14:05\"}"))
                .message(Message.assistant("It is 18 °C and 14:05 in Paris."))
                .user("And in Rome?")
                .tool(WEATHER)
                .tool(TIME)
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        assertEquals(json("request-conversation-tools.json"), body(request, "gpt-4o"));
    }

    @Test
    void autoToolChoiceIsLeftToTheProviderDefault() {
        JsonNode body = body(hello().tool(WEATHER).toolChoice(ToolChoice.AUTO).build(), "gpt-4o");

        assertFalse(body.has("tool_choice"), body.toString());
    }

    @Test
    void noneToolChoiceIsSentAsNone() {
        JsonNode body = body(hello().tool(WEATHER).toolChoice(ToolChoice.NONE).build(), "gpt-4o");

        assertEquals(tree("\"none\""), body.get("tool_choice"));
    }

    @Test
    void namedToolChoiceIsSentAsFunctionObject() {
        JsonNode body = body(
                hello().tool(WEATHER)
                        .tool(TIME)
                        .toolChoice(ToolChoice.tool("get_time"))
                        .build(),
                "gpt-4o");

        assertEquals(tree("{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}"), body.get("tool_choice"));
    }

    @Test
    void toolChoiceWithoutToolsIsNotSent() {
        JsonNode body = body(hello().toolChoice(ToolChoice.NONE).build(), "gpt-4o");

        assertFalse(body.has("tool_choice"));
        assertFalse(body.has("tools"));
    }

    @Test
    void encodesImagesAsHttpsUrlAndBytesAsDataUrl() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        ChatRequest request = ChatRequest.builder("vision")
                .message(Message.user(
                        ContentPart.text("What differs between these two pictures?"),
                        ContentPart.imageUrl(URI.create("https://upload.example.org/images/cat.jpg")),
                        ContentPart.image(png, "image/png")))
                .build();

        assertEquals(json("request-multimodal.json"), body(request, "gpt-4o"));
    }

    @Test
    void encodesPdfBytesAsInlineFilePart() {
        ChatRequest request = ChatRequest.builder("reader")
                .message(Message.user(ContentPart.text("Summarise."), ContentPart.pdf(new byte[] {'%', 'P', 'D', 'F'})))
                .build();

        JsonNode part = body(request, "gpt-4o").at("/messages/0/content/1");
        assertEquals(
                tree("{\"type\":\"file\",\"file\":{\"filename\":\"document.pdf\","
                        + "\"file_data\":\"data:application/pdf;base64,JVBERg==\"}}"),
                part);
    }

    @Test
    void refusesPdfByUrlNamingTheAlternative() {
        ChatRequest request = ChatRequest.builder("reader")
                .message(Message.user(ContentPart.pdfUrl(URI.create("https://docs.example.org/report.pdf"))))
                .build();

        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> adapter().encode(request, "gpt-4o", false));
        assertTrue(e.getMessage().contains("PDF bytes"), e.getMessage());
        assertEquals("openai", e.provider().orElseThrow());
    }

    @Test
    void refusesImageUrlThatIsNotHttps() {
        ChatRequest request = ChatRequest.builder("vision")
                .message(Message.user(ContentPart.imageUrl(URI.create("http://upload.example.org/cat.jpg"))))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter().encode(request, "gpt-4o", false));
    }

    @Test
    void refusesImagesOutsideUserMessages() {
        ChatRequest request = ChatRequest.builder("vision")
                .message(Message.builder(Role.SYSTEM)
                        .text("Look:")
                        .part(ContentPart.imageUrl(URI.create("https://upload.example.org/cat.jpg")))
                        .build())
                .user("Describe it.")
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter().encode(request, "gpt-4o", false));
    }

    @Test
    void severalTextPartsAreSentAsTextPartArray() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(ContentPart.text("First."), ContentPart.text("Second.")))
                .build();

        assertEquals(
                tree("[{\"type\":\"text\",\"text\":\"First.\"},{\"type\":\"text\",\"text\":\"Second.\"}]"),
                body(request, "gpt-4o").at("/messages/0/content"));
    }

    @Test
    void encodesStrictJsonSchemaAndMarksToolsStrict() {
        String schema = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                + "\"date\":{\"type\":\"string\"},\"participants\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                + "\"required\":[\"name\",\"date\",\"participants\"],\"additionalProperties\":false}";
        ChatRequest request = ChatRequest.builder("extractor")
                .user("Extract the event: Alice and Bob meet on Friday.")
                .tool(Tool.of(
                        "lookup_person",
                        "Find a person by name.",
                        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
                                + "\"required\":[\"name\"],\"additionalProperties\":false}"))
                .responseFormat(ResponseFormat.jsonSchema("calendar_event", schema, true))
                .build();

        assertEquals(json("request-structured-strict.json"), body(request, "gpt-4o-2024-08-06"));
    }

    @Test
    void nonStrictJsonSchemaLeavesToolsUnmarked() {
        ChatRequest request = hello().tool(WEATHER)
                .responseFormat(ResponseFormat.jsonSchema("greeting", "{\"type\":\"object\"}", false))
                .build();

        JsonNode body = body(request, "gpt-4o");
        assertFalse(body.at("/tools/0/function").has("strict"));
        assertEquals(
                tree("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"greeting\","
                        + "\"schema\":{\"type\":\"object\"},\"strict\":false}}"),
                body.get("response_format"));
    }

    @Test
    void encodesJsonObjectResponseFormat() {
        JsonNode body = body(hello().responseFormat(ResponseFormat.JSON_OBJECT).build(), "gpt-4o");

        assertEquals(tree("{\"type\":\"json_object\"}"), body.get("response_format"));
    }

    @Test
    void streamingAsksForUsageInTheLastChunk() {
        HttpCall call = adapter().encode(hello().build(), "gpt-4o-mini", true);

        assertEquals(json("request-stream.json"), tree(call.body()));
        assertEquals("text/event-stream", call.headers().get("Accept"));
    }

    @Test
    void mergesProviderOptionsAsTopLevelFields() {
        ChatRequest request = hello().tool(WEATHER)
                .providerOptions(
                        "openai",
                        Map.of(
                                "parallel_tool_calls",
                                false,
                                "reasoning_effort",
                                "low",
                                "metadata",
                                Map.of("team", "search")))
                .build();

        JsonNode body = body(request, "o4-mini");
        assertEquals(tree("false"), body.get("parallel_tool_calls"));
        assertEquals(tree("\"low\""), body.get("reasoning_effort"));
        assertEquals(tree("{\"team\":\"search\"}"), body.get("metadata"));
    }

    @Test
    void refusesProviderOptionThatWouldReplaceAnOwnedField() {
        ChatRequest request =
                hello().providerOptions("openai", Map.of("stream", true)).build();

        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> adapter().encode(request, "gpt-4o", false));
        assertTrue(e.getMessage().contains("'stream'"), e.getMessage());
    }

    @Test
    void refusesProviderOptionThatConflictsWithARequestSetting() {
        ChatRequest request = hello().temperature(0.5)
                .providerOptions("openai", Map.of("temperature", 1.0))
                .build();

        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> adapter().encode(request, "gpt-4o", false));
        assertTrue(e.getMessage().contains("'temperature'"), e.getMessage());
    }

    @Test
    void refusesProviderOptionsNamingEveryOtherFieldTheRequestWroteButNotTheOnesItLeftOut() {
        ChatRequest.Builder set = hello().maxOutputTokens(5).seed(7L).stop("END");
        for (String key : List.of("max_tokens", "seed", "stop")) {
            ChatRequest request = set.providerOptions("openai", Map.of(key, 1)).build();
            InvalidRequestException e =
                    assertThrows(InvalidRequestException.class, () -> adapter().encode(request, "gpt-4o", false));
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
        ChatRequest reasoning = hello().temperature(0.5)
                .maxOutputTokens(5)
                .providerOptions("openai", Map.of("temperature", 1.0, "max_tokens", 9))
                .build();

        JsonNode body = body(reasoning, "o3-mini"); // temperature dropped, max_completion_tokens written
        assertEquals(tree("1.0"), body.get("temperature"));
        assertEquals(tree("9"), body.get("max_tokens"));
        assertEquals(tree("5"), body.get("max_completion_tokens"));
    }

    @Test
    void bodyIsWrittenCompactlyInFieldOrder() {
        HttpCall call = adapter().encode(hello().temperature(0.5).build(), "gpt-4o-mini", true);

        assertEquals(
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],"
                        + "\"temperature\":0.5,\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
                new String(call.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void ignoresProviderOptionsMeantForOtherProviders() {
        ChatRequest request =
                hello().providerOptions("anthropic", Map.of("top_k", 5)).build();

        assertFalse(body(request, "gpt-4o").has("top_k"));
    }
}
