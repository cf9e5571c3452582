package dev.llmring.providers.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.ReasoningPart;
import dev.llmring.ResponseFormat;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import dev.llmring.ToolChoice;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiEncodeTest {
    private static final String KEY = "test-key-123";
    private static final Tool WEATHER = Tool.of(
            "get_weather",
            "Current weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    private static final Tool TIME = Tool.of("get_time", "Current time", "{\"type\":\"object\",\"properties\":{}}");

    private final ProviderAdapter adapter = new GoogleProviderFactory()
            .create(ProviderConfig.builder("google").apiKey(ApiKey.of(KEY)).build());

    private static JsonNode json(String text) {
        return ProviderJson.tryParse(text.replace('\'', '"'));
    }

    private JsonNode body(ChatRequest request) {
        return body(request, "gemini-2.5-flash");
    }

    private JsonNode body(ChatRequest request, String model) {
        HttpCall call = adapter.encode(request, model, false);
        return ProviderJson.tryParse(new String(call.body(), StandardCharsets.UTF_8));
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("google:gemini-2.5-flash").user("Hi");
    }

    @Test
    void postsToGenerateContentWithTheKeyInTheHeaderOnly() {
        HttpCall call = adapter.encode(request().build(), "gemini-2.5-flash", false);

        assertEquals(
                URI.create(GoogleProviderFactory.DEFAULT_BASE_URL + "/models/gemini-2.5-flash:generateContent"),
                call.uri());
        assertEquals(KEY, call.headers().get("x-goog-api-key"));
        assertFalse(call.uri().toString().contains(KEY));
        assertFalse(call.toString().contains(KEY));
    }

    @Test
    void streamingPostsToStreamGenerateContentAsSse() {
        HttpCall call = adapter.encode(request().build(), "gemini-2.5-flash", true);

        assertEquals(
                URI.create(GoogleProviderFactory.DEFAULT_BASE_URL
                        + "/models/gemini-2.5-flash:streamGenerateContent?alt=sse"),
                call.uri());
    }

    @Test
    void bodyIsTheSameWhetherStreamedOrNot() {
        ChatRequest r = request().temperature(0.2).build();

        assertEquals(
                json(new String(adapter.encode(r, "gemini-2.5-flash", true).body(), StandardCharsets.UTF_8)),
                json(new String(adapter.encode(r, "gemini-2.5-flash", false).body(), StandardCharsets.UTF_8)));
    }

    @Test
    void modelPathPrefixIsNotDoubled() {
        HttpCall call = adapter.encode(request().build(), "models/gemini-2.0-flash", false);

        assertEquals(
                "/v1beta/models/gemini-2.0-flash:generateContent", call.uri().getPath());
    }

    @Test
    void modelNameThatWouldEscapeThePathIsRefused() {
        assertThrows(
                InvalidRequestException.class, () -> adapter.encode(request().build(), "../x?key=1", false));
    }

    @Test
    void systemMessagesBecomeSystemInstructionAndAssistantBecomesModel() {
        JsonNode body = body(ChatRequest.builder("m")
                .system("Be brief.")
                .user("Hi")
                .message(Message.assistant("Hello!"))
                .user("Capital of France?")
                .build());

        assertEquals(json("{'parts':[{'text':'Be brief.'}]}"), body.get("systemInstruction"));
        assertEquals(
                json("[{'role':'user','parts':[{'text':'Hi'}]},{'role':'model','parts':[{'text':'Hello!'}]},"
                        + "{'role':'user','parts':[{'text':'Capital of France?'}]}]"),
                body.get("contents"));
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMerged() {
        JsonNode body = body(ChatRequest.builder("m").user("One").user("Two").build());

        assertEquals(json("[{'role':'user','parts':[{'text':'One'},{'text':'Two'}]}]"), body.get("contents"));
    }

    @Test
    void imageBytesBecomeInlineData() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        JsonNode body = body(ChatRequest.builder("m")
                .message(Message.user(ContentPart.text("What is this?"), ContentPart.image(png, "image/png")))
                .build());

        assertEquals(json("{'inlineData':{'mimeType':'image/png','data':'iVBORw=='}}"), body.at("/contents/0/parts/1"));
    }

    @Test
    void imageUrlIsRefusedBecauseTheCoreMustFetchIt() {
        assertFalse(adapter.acceptsMediaUrls());
        ChatRequest r = ChatRequest.builder("m")
                .message(Message.user(ContentPart.imageUrl(URI.create("https://example.com/cat.png"))))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "gemini-2.5-flash", false));
    }

    @Test
    void toolsBecomeFunctionDeclarationsWithTranslatedParameters() {
        JsonNode body = body(request().tool(WEATHER).tool(TIME).build());

        assertEquals(
                json("[{'functionDeclarations':[{'name':'get_weather','description':'Current weather',"
                        + "'parameters':{'type':'OBJECT','properties':{'city':{'type':'STRING'}},'propertyOrdering':['city'],"
                        + "'required':['city']}},{'name':'get_time','description':'Current time'}]}]"),
                body.get("tools"));
        assertFalse(body.has("toolConfig"));
    }

    @Test
    void toolChoiceModesMapToFunctionCallingConfig() {
        assertEquals(
                json("{'mode':'NONE'}"),
                body(request().tool(WEATHER).toolChoice(ToolChoice.NONE).build())
                        .at("/toolConfig/functionCallingConfig"));
        assertEquals(
                json("{'mode':'ANY'}"),
                body(request().tool(WEATHER).toolChoice(ToolChoice.REQUIRED).build())
                        .at("/toolConfig/functionCallingConfig"));
        assertEquals(
                json("{'mode':'ANY','allowedFunctionNames':['get_time']}"),
                body(request()
                                .tool(WEATHER)
                                .tool(TIME)
                                .toolChoice(ToolChoice.tool("get_time"))
                                .build())
                        .at("/toolConfig/functionCallingConfig"));
    }

    @Test
    void untranslatableToolSchemaIsAnInvalidRequestNamingTheKeyword() {
        Tool tool = Tool.of(
                "t",
                "d",
                "{\"type\":\"object\",\"properties\":{\"m\":{\"type\":\"object\","
                        + "\"additionalProperties\":{\"type\":\"string\"}}}}");

        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> adapter.encode(request().tool(tool).build(), "gemini-2.5-flash", false));
        assertTrue(
                e.getMessage().contains("additionalProperties schema at #/properties/m/additionalProperties"),
                e.getMessage());
        assertTrue(e.getMessage().contains("tool 't'"), e.getMessage());
    }

    private static ChatRequest toolConversation(String model) {
        ToolCall paris = new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}");
        ToolCall time = new ToolCall("call_b", "get_time", "{}");
        return ChatRequest.builder(model)
                .user("Weather in Paris, and the time?")
                .message(Message.builder(Role.ASSISTANT)
                        .toolCall(paris)
                        .toolCall(time)
                        .build())
                .message(Message.toolResult("call_b", "12:00"))
                .message(Message.toolResult("call_a", "{\"temp\":21}"))
                .tool(WEATHER)
                .tool(TIME)
                .build();
    }

    @Test
    void toolCallsAndResultsMapByNameInCallOrder() {
        JsonNode contents = body(toolConversation("m")).get("contents");

        assertEquals(
                json("{'role':'model','parts':[{'functionCall':{'name':'get_weather','args':{'city':'Paris'}}},"
                        + "{'functionCall':{'name':'get_time','args':{}}}]}"),
                contents.get(1));
        assertEquals(
                json("{'role':'user','parts':[{'functionResponse':{'name':'get_weather','response':{'temp':21}}},"
                        + "{'functionResponse':{'name':'get_time','response':{'output':'12:00'}}}]}"),
                contents.get(2));
    }

    @Test
    void gemini3FunctionCallsCarryTheSkipSignatureSentinel() {
        JsonNode contents = body(toolConversation("m"), "gemini-3-pro-preview").get("contents");

        assertEquals(
                GeminiRequestEncoder.SKIP_SIGNATURE,
                contents.at("/1/parts/0/thoughtSignature").asText());
        assertTrue(body(toolConversation("m"), "gemini-2.5-flash")
                .at("/contents/1/parts/0/thoughtSignature")
                .isMissingNode());
    }

    @Test
    void aKnownThoughtSignatureGoesOnItsCallAndNoCallGetsTheSentinel() {
        ChatRequest plain = toolConversation("m");
        Message assistant = plain.messages().get(1);
        ChatRequest signed = ChatRequest.builder("m")
                .tool(WEATHER)
                .tool(TIME)
                .messages(List.of(
                        plain.messages().get(0),
                        Message.builder(Role.ASSISTANT)
                                .reasoningPart(ReasoningPart.toolCallSignature("google", "call_a", "real-signature"))
                                .toolCalls(assistant.toolCalls())
                                .build(),
                        plain.messages().get(2),
                        plain.messages().get(3)))
                .build();
        JsonNode parts = body(signed, "gemini-3-pro-preview").at("/contents/1/parts");

        assertEquals("real-signature", parts.at("/0/thoughtSignature").asText());
        assertTrue(parts.at("/1/thoughtSignature").isMissingNode(), parts.toString());
    }

    @Test
    void toolResultAnsweringNoKnownCallIsRefused() {
        ChatRequest r = ChatRequest.builder("m")
                .user("Hi")
                .message(Message.toolResult("nope", "x"))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "gemini-2.5-flash", false));
    }

    @Test
    void samplingSettingsGoToGenerationConfigOnlyWhenSet() {
        assertFalse(body(request().build()).has("generationConfig"));
        assertEquals(
                json("{'temperature':0.5,'maxOutputTokens':100,'stopSequences':['END'],'seed':42}"),
                body(request()
                                .temperature(0.5)
                                .maxOutputTokens(100)
                                .stop("END")
                                .seed(42)
                                .build())
                        .get("generationConfig"));
    }

    @Test
    void seedBeyond32BitsIsRefused() {
        assertThrows(
                InvalidRequestException.class,
                () -> adapter.encode(request().seed(1L << 40).build(), "gemini-2.5-flash", false));
    }

    @Test
    void jsonObjectFormatAsksForJsonMimeType() {
        assertEquals(
                json("{'responseMimeType':'application/json'}"),
                body(request().responseFormat(ResponseFormat.JSON_OBJECT).build())
                        .get("generationConfig"));
    }

    @Test
    void jsonSchemaFormatSendsTheTranslatedResponseSchema() {
        ResponseFormat format = ResponseFormat.jsonSchema(
                "person",
                "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":[\"integer\","
                        + "\"null\"]}},\"required\":[\"name\",\"age\"],\"additionalProperties\":false}",
                true);

        assertEquals(
                json("{'responseMimeType':'application/json','responseSchema':{'type':'OBJECT','properties':"
                        + "{'name':{'type':'STRING'},'age':{'type':'INTEGER','nullable':true}},'propertyOrdering':['name','age'],"
                        + "'required':['name','age']}}"),
                body(request().responseFormat(format).build()).get("generationConfig"));
    }

    @Test
    void untranslatableResponseSchemaListsEveryProblem() {
        ResponseFormat format = ResponseFormat.jsonSchema(
                "x",
                "{\"type\":\"object\",\"properties\":{"
                        + "\"a\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]},"
                        + "\"b\":{\"type\":\"object\",\"patternProperties\":{\"^x\":{}},\"properties\":{\"c\":{\"type\":\"string\"}}}}}",
                false);

        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> adapter.encode(request().responseFormat(format).build(), "gemini-2.5-flash", false));
        assertTrue(
                e.getMessage().contains("oneOf with 2 non-null alternatives (exclusivity) at #/properties/a/oneOf"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'patternProperties' at #/properties/b/patternProperties"), e.getMessage());
    }

    @Test
    void providerOptionsAddFieldsAndMergeIntoGenerationConfig() {
        JsonNode body = body(request()
                .temperature(0.1)
                .providerOptions(
                        "google",
                        Map.of(
                                "safetySettings",
                                        java.util.List.of(Map.of(
                                                "category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE")),
                                "generationConfig", Map.of("thinkingConfig", Map.of("includeThoughts", true))))
                .build());

        assertEquals("BLOCK_NONE", body.at("/safetySettings/0/threshold").asText());
        assertEquals(0.1, body.at("/generationConfig/temperature").asDouble());
        assertTrue(body.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean());
    }

    @Test
    void providerOptionConflictingWithTheRequestsOwnSettingIsRefused() {
        ChatRequest r = request()
                .temperature(0.1)
                .providerOptions("google", Map.of("generationConfig", Map.of("temperature", 1.0)))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "gemini-2.5-flash", false));
    }

    @Test
    void providerOptionReplacingContentsIsRefused() {
        ChatRequest r =
                request().providerOptions("google", Map.of("contents", "x")).build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "gemini-2.5-flash", false));
    }

    @Test
    void onlySystemMessagesIsRefused() {
        ChatRequest r = ChatRequest.builder("m").system("Alone").build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "gemini-2.5-flash", false));
    }
}
