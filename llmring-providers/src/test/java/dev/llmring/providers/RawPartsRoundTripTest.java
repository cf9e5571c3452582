package dev.llmring.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.llmring.providers.testsupport.WireResponses.eventStream;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.LlmRing;
import dev.llmring.ReasoningPart;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.providers.testsupport.WireMockRing;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing of an answer is silently dropped: Anthropic's server-tool blocks and cited text, and Gemini's parts other
 * than text, thoughts and function calls, are kept as raw parts and go back unchanged, in place, to the same provider
 * in the next turn (whole and streamed first answers); another provider gets the text alone.
 */
class RawPartsRoundTripTest {
    @RegisterExtension
    static final WireMockRing WIRE = new WireMockRing();

    private static final String ALIAS = "searcher";
    private static final String ANTHROPIC = "/anthropic/v1/messages";
    private static final String SEARCH_TEXT =
            "I'll search for when Claude Shannon was born.Based on the search results, "
                    + "Claude Shannon was born on April 30, 1916, in Petoskey, Michigan.";
    private static final String CODE_TEXT =
            "I'll compute the sum of the first 10 primes with code.The sum of the first 10 prime numbers is 129.";

    private static ChatRequest.Builder question() {
        return ChatRequest.builder(ALIAS).user("When was Claude Shannon born?");
    }

    /** The first request (one message) gets {@code fixture}; the second gets {@code second}. */
    private static void stubTwoTurns(String path, String jsonPath, String provider, String fixture, String second) {
        String body = TestResources.read(provider, fixture);
        WIRE.server()
                .stubFor(post(urlPathEqualTo(path))
                        .withRequestBody(matchingJsonPath(jsonPath + "[1]", absent()))
                        .willReturn(fixture.endsWith(".sse") ? eventStream(body) : json(200, body)));
        WIRE.server()
                .stubFor(post(urlPathEqualTo(path))
                        .withRequestBody(matchingJsonPath(jsonPath + "[2]"))
                        .willReturn(
                                second.endsWith(".sse")
                                        ? eventStream(TestResources.read(provider, second))
                                        : json(200, TestResources.read(provider, second))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anthropicServerToolBlocksAndCitedTextGoBackUnchangedInPlace(boolean stream) {
        stubTwoTurns(
                ANTHROPIC,
                "$.messages",
                "anthropic",
                stream ? "stream-web-search.sse" : "message-web-search.json",
                "message-text.json");
        try (LlmRing ring = WIRE.ring("test-key")
                .lockfile(WIRE.lockfile(ALIAS, "anthropic:claude-sonnet-4-5"))
                .build()) {
            ChatResponse first = WireMockRing.answer(ring, question().build(), stream);
            assertEquals(SEARCH_TEXT, first.text(), "the answer text, all of it");
            assertEquals(5, first.reasoningParts().size(), "raw parts: " + first.reasoningParts());
            assertTrue(first.reasoningParts().stream().allMatch(ReasoningPart::isRaw));
            ring.chat(question()
                    .message(first.assistantMessage())
                    .user("And where?")
                    .build());
        }
        JsonNode original = TestResources.json(TestResources.read("anthropic", "message-web-search.json"));
        JsonNode assistant = WIRE.lastBody(ANTHROPIC).path("messages").get(1);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals(original.path("content"), assistant.path("content"), "every block back, unchanged, in order");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void geminiCodeExecutionPartsGoBackUnchangedInPlace(boolean stream) {
        String path =
                "/google/v1beta/models/gemini-2.5-flash:" + (stream ? "streamGenerateContent" : "generateContent");
        stubTwoTurns(
                path,
                "$.contents",
                "google",
                stream ? "stream-code-execution.sse" : "generate-code-execution.json",
                stream ? "stream-text.sse" : "generate-text.json");
        try (LlmRing ring = WIRE.ring("test-key")
                .lockfile(WIRE.lockfile(ALIAS, "google:gemini-2.5-flash"))
                .build()) {
            ChatResponse first = WireMockRing.answer(ring, question().build(), stream);
            assertEquals(CODE_TEXT, first.text());
            assertEquals(3, first.reasoningParts().size(), "the text before the code, the code, its result");
            WireMockRing.answer(
                    ring,
                    question()
                            .message(first.assistantMessage())
                            .user("And the first 20?")
                            .build(),
                    stream);
        }
        JsonNode original = TestResources.json(TestResources.read("google", "generate-code-execution.json"));
        JsonNode model = WIRE.lastBody(path).path("contents").get(1);
        assertEquals("model", model.path("role").asText());
        assertEquals(
                original.path("candidates").get(0).path("content").path("parts"),
                model.path("parts"),
                "every part back, unchanged, in order");
    }

    @org.junit.jupiter.api.Test
    void textChangedByTheApplicationGoesWholeAndTheRawTextBlocksStayOut() {
        String use = "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\","
                + "\"input\":{\"query\":\"shannon\"}}";
        WIRE.server()
                .stubFor(post(urlPathEqualTo(ANTHROPIC))
                        .willReturn(json(200, TestResources.read("anthropic", "message-text.json"))));
        try (LlmRing ring = WIRE.ring("test-key")
                .lockfile(WIRE.lockfile(ALIAS, "anthropic:claude-sonnet-4-5"))
                .build()) {
            ring.chat(question()
                    .message(dev.llmring.Message.builder(dev.llmring.Role.ASSISTANT)
                            .reasoningPart(
                                    ReasoningPart.raw("anthropic", "{\"type\":\"text\",\"text\":\"Searching.\"}"))
                            .reasoningPart(ReasoningPart.raw("anthropic", use))
                            .text("Edited by the application.")
                            .build())
                    .user("And where?")
                    .build());
        }
        assertEquals(
                TestResources.json("[" + use + ",{\"type\":\"text\",\"text\":\"Edited by the application.\"}]"),
                WIRE.lastBody(ANTHROPIC).path("messages").get(1).path("content"));
    }

    @org.junit.jupiter.api.Test
    void failoverToOpenAiSendsTheTextAloneWithoutAnthropicBlocks() {
        WIRE.server()
                .stubFor(post(urlPathEqualTo(ANTHROPIC))
                        .withRequestBody(matchingJsonPath("$.messages[1]", absent()))
                        .willReturn(json(200, TestResources.read("anthropic", "message-web-search.json"))));
        WIRE.server()
                .stubFor(post(urlPathEqualTo(ANTHROPIC))
                        .withRequestBody(matchingJsonPath("$.messages[2]"))
                        .willReturn(json(529, TestResources.read("anthropic", "error-body-overloaded.json"))));
        WIRE.server()
                .stubFor(post(urlPathEqualTo("/openai/v1/chat/completions"))
                        .willReturn(json(200, TestResources.read("openai", "response-text.json"))));
        try (LlmRing ring = WIRE.ring("test-key")
                .lockfile(WIRE.lockfile(ALIAS, "anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini"))
                .build()) {
            ChatResponse first = ring.chat(question().build());
            ChatResponse second = ring.chat(question()
                    .message(first.assistantMessage())
                    .user("And where?")
                    .build());
            assertEquals("openai", second.provider());
        }
        JsonNode body = WIRE.lastBody("/openai/v1/chat/completions");
        JsonNode assistant = body.path("messages").get(1);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals(SEARCH_TEXT, assistant.path("content").asText());
        String text = body.toString();
        assertFalse(
                text.contains("server_tool_use") || text.contains("encrypted") || text.contains("citations"),
                "the OpenAI request holds Anthropic blocks: " + text);
    }
}
