package dev.llmring.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.llmring.providers.testsupport.WireResponses.eventStream;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.Message;
import dev.llmring.ReasoningPart;
import dev.llmring.StreamEvent;
import dev.llmring.Tool;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.providers.testsupport.WireMockRing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multi-turn tool use with reasoning on, through the whole client: the assistant turn of the first answer
 * ({@link ChatResponse#assistantMessage()}) goes back in the second request with what the provider requires, and a
 * failover to another provider leaves the first provider's reasoning state out.
 */
class ReasoningRoundTripTest {
    private static final String ALIAS = "thinker";
    private static final String KEY = "test-key-123";
    private static final String SIGNATURE =
            "EuYBCkQYAiJAgCs1le6/Pol5Z4/JMomVOouGrWdhYNsH3ukzUECbB6iWrSQtsQuRHJID6lWV6vHuX"
                    + "IfZk6uRwK3d8YwFJr0L5RIMn3CnTkVqd0ZpNvCtGgxQJgD2Yt1VLDshlr0iMLqK2vSl7rhyaRbaBdKDdnfeCbhxhV5MNhXl7H0O2wC46F"
                    + "pEmFMakl9NzJUqtx86ZSoZW4HOFbpC1XArJaCqDEDbAFgQdMKgMNKOSRQB";
    private static final String THINKING = "The user wants the current weather in Paris. I have a get_weather tool,"
            + " so I should call it with the location.";
    private static final String REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXG"
            + "mKDxH4mPnZ5sQ7vB8URj2pLmN3kWj+Yq9mAwH=";
    private static final String TOOL_USE_ID = "toolu_01CswdEQBMshySk6Y9DFKrfq";
    private static final Tool WEATHER = Tool.of(
            "get_weather",
            "The current weather at a location",
            "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}");

    @RegisterExtension
    static final WireMockRing WIRE = new WireMockRing();

    private static LlmRing ring(String... bindings) {
        return WIRE.ring(KEY).lockfile(WIRE.lockfile(ALIAS, bindings)).build();
    }

    private static ChatRequest.Builder firstTurn() {
        return ChatRequest.builder(ALIAS)
                .user("What's the weather in Paris?")
                .tool(WEATHER)
                .providerOptions("anthropic", Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 2048)));
    }

    /** The first request (one message) gets {@code fixture}; a later one gets a text answer. */
    private static void stubAnthropic(String fixture, boolean stream) {
        String path = "/anthropic/v1/messages";
        WIRE.server()
                .stubFor(post(urlPathEqualTo(path))
                        .withRequestBody(matchingJsonPath("$.messages[1]", absent()))
                        .willReturn(
                                stream
                                        ? eventStream(TestResources.read("anthropic", fixture))
                                        : json(200, TestResources.read("anthropic", fixture))));
    }

    private static ChatRequest secondTurn(ChatResponse first) {
        return firstTurn()
                .message(first.assistantMessage())
                .message(Message.toolResult(TOOL_USE_ID, "{\"temperature_c\": 14, \"sky\": \"overcast\"}"))
                .build();
    }

    /** The assistant turn of the second request: thinking blocks with signatures, then the tool_use. */
    private static void assertThinkingBeforeToolUse(JsonNode body, boolean withRedacted) {
        JsonNode assistant = body.path("messages").get(1);
        assertEquals("assistant", assistant.path("role").asText());
        String expected = "[{\"type\":\"thinking\",\"thinking\":" + TestResources.json("\"" + THINKING + "\"")
                + ",\"signature\":\"" + SIGNATURE + "\"},"
                + (withRedacted ? "{\"type\":\"redacted_thinking\",\"data\":\"" + REDACTED + "\"}," : "")
                + "{\"type\":\"tool_use\",\"id\":\"" + TOOL_USE_ID
                + "\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris, France\"}}]";
        assertEquals(TestResources.json(expected), assistant.path("content"));
    }

    @Test
    void anthropicThinkingBlocksGoBackBeforeTheToolUse() {
        stubAnthropic("message-thinking-tool-use.json", false);
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/anthropic/v1/messages"))
                        .withRequestBody(matchingJsonPath("$.messages[2]"))
                        .willReturn(json(200, TestResources.read("anthropic", "message-text.json"))));
        try (LlmRing ring = ring("anthropic:claude-sonnet-4-5")) {
            ChatResponse first = ring.chat(firstTurn().build());
            assertEquals(
                    List.of(
                            ReasoningPart.thinking("anthropic", THINKING, SIGNATURE),
                            ReasoningPart.redacted("anthropic", REDACTED)),
                    first.reasoningParts());
            ring.chat(secondTurn(first));
        }
        assertThinkingBeforeToolUse(WIRE.lastBody("/anthropic/v1/messages"), true);
    }

    @Test
    void streamedAnthropicThinkingGoesBackWithItsSignature() {
        stubAnthropic("stream-thinking-tool-use.sse", true);
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/anthropic/v1/messages"))
                        .withRequestBody(matchingJsonPath("$.messages[2]"))
                        .willReturn(eventStream(TestResources.read("anthropic", "stream-text.sse"))));
        ChatResponse first;
        try (LlmRing ring = ring("anthropic:claude-sonnet-4-5")) {
            try (ChatStream s = ring.stream(firstTurn().build())) {
                for (StreamEvent ignored : s) {
                    // drain
                }
                first = s.response();
            }
            try (ChatStream s = ring.stream(secondTurn(first))) {
                for (StreamEvent ignored : s) {
                    // drain
                }
            }
        }
        assertThinkingBeforeToolUse(WIRE.lastBody("/anthropic/v1/messages"), false);
    }

    @Test
    void failoverToOpenAiMidConversationLeavesAnthropicThinkingOut() {
        stubAnthropic("message-thinking-tool-use.json", false);
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/anthropic/v1/messages"))
                        .withRequestBody(matchingJsonPath("$.messages[2]"))
                        .willReturn(json(529, TestResources.read("anthropic", "error-body-overloaded.json"))));
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/openai/v1/chat/completions"))
                        .willReturn(json(200, TestResources.read("openai", "response-text.json"))));
        try (LlmRing ring = ring("anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini")) {
            ChatResponse first = ring.chat(firstTurn().build());
            ChatResponse second = ring.chat(secondTurn(first));
            assertEquals("openai", second.provider());
        }
        JsonNode body = WIRE.lastBody("/openai/v1/chat/completions");
        JsonNode assistant = body.path("messages").get(1);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals(TOOL_USE_ID, assistant.path("tool_calls").get(0).path("id").asText());
        assertEquals("tool", body.path("messages").get(2).path("role").asText());
        String text = body.toString();
        assertFalse(
                text.contains("thinking") || text.contains(SIGNATURE) || text.contains(REDACTED),
                "the OpenAI request holds Anthropic reasoning state: " + text);
    }

    private static final String GEMINI_SIGNATURE = "CtQCAdHtim9Qx0fRk2Vn+test+signature+for+the+call+not+real==";

    /** Gemini 3: the second request's function call carries the signature it came with, never the bypass value. */
    private void geminiRoundTrip(boolean stream) {
        String path =
                "/google/v1beta/models/gemini-3-pro-preview:" + (stream ? "streamGenerateContent" : "generateContent");
        String first = TestResources.read(
                "google", stream ? "stream-thought-function-call.sse" : "generate-thought-function-call.json");
        WIRE.server()
                .stubFor(post(urlPathEqualTo(path))
                        .withRequestBody(matchingJsonPath("$.contents[1]", absent()))
                        .willReturn(stream ? eventStream(first) : json(200, first)));
        String answer = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"It is 14 C in Paris.\"}],"
                + "\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"modelVersion\":\"gemini-3-pro-preview\",\"responseId\":\"c2Vjb25kLXR1cm4\"}";
        WIRE.server()
                .stubFor(post(urlPathEqualTo(path))
                        .withRequestBody(matchingJsonPath("$.contents[2]"))
                        .willReturn(stream ? eventStream("data: " + answer + "\n\n") : json(200, answer)));
        try (LlmRing ring = ring("google:gemini-3-pro-preview")) {
            ChatRequest.Builder turn = ChatRequest.builder(ALIAS)
                    .user("What's the weather in Paris?")
                    .tool(WEATHER);
            ChatResponse r = WireMockRing.answer(ring, turn.build(), stream);
            String callId = r.toolCalls().get(0).id();
            WireMockRing.answer(
                    ring,
                    turn.message(r.assistantMessage())
                            .message(Message.toolResult(callId, "{\"temperature_c\": 14}"))
                            .build(),
                    stream);
        }
        JsonNode model = WIRE.lastBody(path).path("contents").get(1);
        assertEquals(
                TestResources.json("{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
                        + "\"args\":{\"city\":\"Paris\"}},\"thoughtSignature\":\"" + GEMINI_SIGNATURE + "\"}]}"),
                model);
    }

    @Test
    void geminiFunctionCallGoesBackWithItsThoughtSignature() {
        geminiRoundTrip(false);
    }

    @Test
    void streamedGeminiFunctionCallGoesBackWithItsThoughtSignature() {
        geminiRoundTrip(true);
    }
}
