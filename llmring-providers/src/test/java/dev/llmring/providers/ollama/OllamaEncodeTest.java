package dev.llmring.providers.ollama;

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
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaEncodeTest {
    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
    private static final Tool WEATHER = Tool.of("get_weather", "Current weather", SCHEMA);

    private final ProviderAdapter adapter = new OllamaProviderFactory()
            .create(ProviderConfig.builder("ollama").environment(v -> null).build());

    private static JsonNode json(String text) {
        return ProviderJson.tryParse(text.replace('\'', '"'));
    }

    private JsonNode body(ChatRequest request, boolean stream) {
        HttpCall call = adapter.encode(request, "llama3.2", stream);
        return ProviderJson.tryParse(new String(call.body(), StandardCharsets.UTF_8));
    }

    private JsonNode body(ChatRequest request) {
        return body(request, false);
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("ollama:llama3.2").user("Hi");
    }

    @Test
    void postsToApiChatWithoutAnyKeyHeader() {
        HttpCall call = adapter.encode(request().build(), "llama3.2", true);

        assertEquals(URI.create("http://localhost:11434/api/chat"), call.uri());
        assertEquals(Map.of("content-type", "application/json"), call.headers());
    }

    @Test
    void minimalRequestSetsModelMessagesAndStreamOnly() {
        assertEquals(
                json("{'model':'llama3.2','messages':[{'role':'user','content':'Hi'}],'stream':true}"),
                body(request().build(), true));
        assertEquals(
                json("{'model':'llama3.2','messages':[{'role':'user','content':'Hi'}],'stream':false}"),
                body(request().build(), false));
    }

    @Test
    void onlyTheSamplingSettingsTheCallerSetGoIntoOptions() {
        assertEquals(
                json("{'temperature':0.3,'num_predict':64,'stop':['END'],'seed':7}"),
                body(request()
                                .temperature(0.3)
                                .maxOutputTokens(64)
                                .stop("END")
                                .seed(7)
                                .build())
                        .get("options"));
        assertEquals(
                json("{'num_predict':64}"),
                body(request().maxOutputTokens(64).build()).get("options"));
    }

    @Test
    void imagesGoOnTheMessageAsBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        JsonNode body = body(ChatRequest.builder("m")
                .message(Message.user(ContentPart.text("What is this?"), ContentPart.image(png, "image/png")))
                .build());

        assertEquals(json("{'role':'user','content':'What is this?','images':['iVBORw==']}"), body.at("/messages/0"));
    }

    @Test
    void documentsAreRefused() {
        ChatRequest r = ChatRequest.builder("m")
                .message(Message.user(ContentPart.pdf(new byte[] {'%'})))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "llama3.2", false));
    }

    @Test
    void imageUrlIsRefusedBecauseTheCoreMustFetchIt() {
        assertFalse(adapter.acceptsMediaUrls());
        ChatRequest r = ChatRequest.builder("m")
                .message(Message.user(ContentPart.imageUrl(URI.create("https://example.com/cat.png"))))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "llama3.2", false));
    }

    @Test
    void toolsAreSentAsFunctionsWithTheirJsonSchema() {
        assertEquals(
                json("[{'type':'function','function':{'name':'get_weather','description':'Current weather',"
                        + "'parameters':" + SCHEMA.replace('"', '\'') + "}}]"),
                body(request().tool(WEATHER).build()).get("tools"));
    }

    @Test
    void toolChoiceNoneSendsNoTools() {
        assertFalse(body(request().tool(WEATHER).toolChoice(ToolChoice.NONE).build())
                .has("tools"));
    }

    @Test
    void toolChoiceThatForcesACallIsRefused() {
        assertThrows(
                InvalidRequestException.class,
                () -> adapter.encode(
                        request().tool(WEATHER).toolChoice(ToolChoice.REQUIRED).build(), "llama3.2", false));
        assertThrows(
                InvalidRequestException.class,
                () -> adapter.encode(
                        request()
                                .tool(WEATHER)
                                .toolChoice(ToolChoice.tool("get_weather"))
                                .build(),
                        "llama3.2",
                        false));
    }

    @Test
    void assistantToolCallsCarryArgumentsAsAnObjectAndResultsNameTheirTool() {
        ChatRequest r = request()
                .message(Message.builder(Role.ASSISTANT)
                        .toolCall(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}"))
                        .build())
                .message(Message.toolResult("c1", "{\"temp\":21}"))
                .tool(WEATHER)
                .build();
        JsonNode messages = body(r).get("messages");

        assertEquals(
                json("{'role':'assistant','content':'','tool_calls':[{'function':{'name':'get_weather',"
                        + "'arguments':{'city':'Paris'}}}]}"),
                messages.get(1));
        assertEquals(
                "{\"role\":\"tool\",\"content\":\"{\\\"temp\\\":21}\",\"tool_name\":\"get_weather\"}",
                messages.get(2).toString());
    }

    @Test
    void jsonObjectFormatIsJsonAndSchemaFormatIsTheSchema() {
        assertEquals(
                "json",
                body(request().responseFormat(ResponseFormat.JSON_OBJECT).build())
                        .get("format")
                        .asText());
        assertEquals(
                json(SCHEMA.replace('"', '\'')),
                body(request()
                                .responseFormat(ResponseFormat.jsonSchema("city", SCHEMA, true))
                                .build())
                        .get("format"));
    }

    @Test
    void providerOptionsAddFieldsAndMergeIntoOptions() {
        JsonNode body = body(request()
                .temperature(0.2)
                .providerOptions("ollama", Map.of("keep_alive", "5m", "options", Map.of("num_ctx", 8192)))
                .build());

        assertEquals("5m", body.get("keep_alive").asText());
        assertEquals(json("{'temperature':0.2,'num_ctx':8192}"), body.get("options"));
    }

    @Test
    void providerOptionConflictingWithTheRequestsOwnSettingIsRefused() {
        ChatRequest r = request()
                .temperature(0.2)
                .providerOptions("ollama", Map.of("options", Map.of("temperature", 1.0)))
                .build();

        assertThrows(InvalidRequestException.class, () -> adapter.encode(r, "llama3.2", false));
    }

    @Test
    void providerOptionReplacingStreamIsRefused() {
        assertThrows(
                InvalidRequestException.class,
                () -> adapter.encode(
                        request()
                                .providerOptions("ollama", Map.of("stream", false))
                                .build(),
                        "llama3.2",
                        true));
    }

    @Test
    void systemMessageKeepsItsRole() {
        assertTrue(body(ChatRequest.builder("m").system("Be brief.").user("Hi").build())
                .at("/messages/0/role")
                .asText()
                .equals("system"));
    }
}
