package dev.llmring.providers.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.llmring.contract.ContractScript.*;
import static dev.llmring.providers.testsupport.WireResponses.eventStream;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.ModelNotFoundException;
import dev.llmring.RateLimitException;
import dev.llmring.RetryPolicy;
import dev.llmring.StreamEvent;
import dev.llmring.contract.ErrorCase;
import dev.llmring.contract.ProviderContractTest;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adapter contract for Gemini (Generative Language API), with bodies in Gemini's recorded wire shape: SSE events
 * separated by CRLF CRLF, no tool call ids, a 429's delay in a {@code RetryInfo} detail, a rejected key as a 400
 * {@code API_KEY_INVALID}. Gemini's own end-to-end cases follow the contract's overrides.
 */
class GeminiContractTest extends ProviderContractTest {
    static final String MODEL = "gemini-2.5-flash";

    @Override
    protected String provider() {
        return "google";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected ProviderFactory providerFactory() {
        return new GoogleProviderFactory();
    }

    @Override
    protected URI baseUrl(URI serverRoot) {
        return serverRoot.resolve("/v1beta");
    }

    /** Gemini answers a key it does not know with 400 {@code INVALID_ARGUMENT}, reason {@code API_KEY_INVALID}. */
    @Override
    protected int statusOf(ErrorCase error) {
        return error == ErrorCase.AUTHENTICATION ? 400 : super.statusOf(error);
    }

    /** {@code :generateContent}, or {@code :streamGenerateContent?alt=sse}; the key in its header, never the URL. */
    static MappingBuilder generate(boolean stream) {
        MappingBuilder m = post(urlPathEqualTo(
                        "/v1beta/models/" + MODEL + (stream ? ":streamGenerateContent" : ":generateContent")))
                .withHeader("x-goog-api-key", equalTo(API_KEY))
                .withQueryParam("key", absent());
        return stream ? m.withQueryParam("alt", equalTo("sse")) : m;
    }

    private static MappingBuilder contents(boolean stream, String json) {
        return generate(stream).withRequestBody(matchingJsonPath("$.contents", equalToJson(json)));
    }

    private static String user(String text) {
        return "{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}";
    }

    private ResponseDefinitionBuilder answer(String path) {
        return json(200, fixture("google/" + path));
    }

    private ResponseDefinitionBuilder text(String text) {
        return json(200, fixture("google/contract/text.json").replace("{{TEXT}}", text));
    }

    private ResponseDefinitionBuilder stream(String path) {
        return eventStream(fixture("google/" + path));
    }

    @Override
    protected MappingBuilder stubPlainText(boolean stream) {
        return contents(stream, "[" + user(PLAIN_QUESTION) + "]")
                .willReturn(stream ? stream("contract/plain.sse") : text(PLAIN_ANSWER));
    }

    @Override
    protected MappingBuilder stubLength(boolean stream) {
        return generate(stream)
                .withRequestBody(matchingJsonPath("$.generationConfig.maxOutputTokens", equalTo("" + LENGTH_LIMIT)))
                .willReturn(stream ? stream("contract/length.sse") : answer("contract/length.json"));
    }

    @Override
    protected MappingBuilder stubMultiTurn() {
        return contents(
                        false,
                        "[" + user(TURN_1) + ",{\"role\":\"model\",\"parts\":[{\"text\":\"" + TURN_2 + "\"}]},"
                                + user(TURN_3) + "]")
                .willReturn(text(MULTI_TURN_ANSWER));
    }

    @Override
    protected MappingBuilder stubSystemPrompt() {
        return contents(false, "[" + user(SYSTEM_QUESTION) + "]")
                .withRequestBody(matchingJsonPath(
                        "$.systemInstruction", equalToJson("{\"parts\":[{\"text\":\"" + SYSTEM_PROMPT + "\"}]}")))
                .willReturn(text(SYSTEM_ANSWER));
    }

    @Override
    protected MappingBuilder stubImage() {
        return contents(
                        false,
                        "[{\"role\":\"user\",\"parts\":[{\"text\":\"" + IMAGE_QUESTION + "\"},"
                                + "{\"inlineData\":{\"mimeType\":\"" + IMAGE_MEDIA_TYPE + "\",\"data\":\""
                                + IMAGE_BASE64 + "\"}}]}]")
                .willReturn(text(IMAGE_ANSWER));
    }

    @Override
    protected MappingBuilder stubToolCalls(boolean stream) {
        String weather = "{\"name\":\"get_weather\",\"description\":\"" + WEATHER_TOOL.description() + "\","
                + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"location\":{\"type\":\"STRING\"}},"
                + "\"propertyOrdering\":[\"location\"],\"required\":[\"location\"]}}";
        String time = "{\"name\":\"get_time\",\"description\":\"" + TIME_TOOL.description() + "\","
                + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"timezone\":{\"type\":\"STRING\"}},"
                + "\"propertyOrdering\":[\"timezone\"],\"required\":[\"timezone\"]}}";
        return generate(stream)
                .withRequestBody(matchingJsonPath(
                        "$.tools", equalToJson("[{\"functionDeclarations\":[" + weather + "," + time + "]}]")))
                .willReturn(stream ? stream("contract/tool-calls.sse") : answer("contract/tool-calls.json"));
    }

    /** Gemini pairs results with calls by function name and order: both results go in one user turn. */
    @Override
    protected MappingBuilder stubToolResults() {
        return contents(
                        false,
                        "[" + user(TOOLS_QUESTION) + ","
                                + "{\"role\":\"model\",\"parts\":["
                                + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":" + WEATHER_ARGUMENTS + "}},"
                                + "{\"functionCall\":{\"name\":\"get_time\",\"args\":" + TIME_ARGUMENTS + "}}]},"
                                + "{\"role\":\"user\",\"parts\":["
                                + "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":" + WEATHER_RESULT
                                + "}},"
                                + "{\"functionResponse\":{\"name\":\"get_time\",\"response\":" + TIME_RESULT + "}}]}]")
                .willReturn(text(TOOL_RESULTS_ANSWER));
    }

    private static final String TEXT_SIGNATURE = "CmQBVKhc7wTextPart+test+signature+for+the+contract+not+real==";
    private static final String CALL_SIGNATURE = "CiQBVKhc7xJ0Wq0+test+call+signature+for+the+contract+not+real==";

    /** Gemini 2.5 takes the script's budget as {@code thinkingBudget}. */
    private static MappingBuilder thinking(MappingBuilder m) {
        return m.withRequestBody(
                matchingJsonPath("$.generationConfig.thinkingConfig.thinkingBudget", equalTo("" + REASONING_BUDGET)));
    }

    /** Thinking on: a signed text part, the first call signed (as Gemini signs parallel calls), the second not. */
    @Override
    protected MappingBuilder stubReasoningToolCalls(boolean stream) {
        return thinking(contents(stream, "[" + user(TOOLS_QUESTION) + "]"))
                .willReturn(
                        stream
                                ? stream("contract/reasoning-tool-calls.sse")
                                : answer("contract/reasoning-tool-calls.json"));
    }

    /**
     * The whole conversation: each signature back on the part it came with (the text's on the text, the first call's
     * on the first call), the unsigned call without one and no bypass value, then both results in one user turn.
     */
    @Override
    protected MappingBuilder stubReasoningToolResults() {
        return thinking(contents(
                        false,
                        "[" + user(TOOLS_QUESTION) + ","
                                + "{\"role\":\"model\",\"parts\":["
                                + "{\"text\":\"I'll look up both.\",\"thoughtSignature\":\"" + TEXT_SIGNATURE + "\"},"
                                + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":" + WEATHER_ARGUMENTS + "},"
                                + "\"thoughtSignature\":\"" + CALL_SIGNATURE + "\"},"
                                + "{\"functionCall\":{\"name\":\"get_time\",\"args\":" + TIME_ARGUMENTS + "}}]},"
                                + "{\"role\":\"user\",\"parts\":["
                                + "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":" + WEATHER_RESULT
                                + "}},"
                                + "{\"functionResponse\":{\"name\":\"get_time\",\"response\":" + TIME_RESULT
                                + "}}]}]"))
                .willReturn(text(TOOL_RESULTS_ANSWER));
    }

    @Override
    protected MappingBuilder stubStructuredOutput(boolean stream) {
        return generate(stream)
                .withRequestBody(matchingJsonPath("$.generationConfig.responseMimeType", equalTo("application/json")))
                .withRequestBody(matchingJsonPath(
                        "$.generationConfig.responseSchema",
                        equalToJson("{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"},"
                                + "\"population\":{\"type\":\"INTEGER\"}},"
                                + "\"propertyOrdering\":[\"city\",\"population\"],"
                                + "\"required\":[\"city\",\"population\"]}")))
                .willReturn(stream ? stream("contract/structured.sse") : answer("contract/structured.json"));
    }

    @Override
    protected MappingBuilder stubCachedUsage() {
        return generate(false).willReturn(answer("contract/cached-usage.json"));
    }

    @Override
    protected MappingBuilder stubReasoningUsage() {
        return generate(false).willReturn(answer("contract/reasoning-usage.json"));
    }

    /** As Gemini sends them; on the streaming endpoint the error envelope comes wrapped in an array. */
    @Override
    protected MappingBuilder stubError(ErrorCase error, boolean stream) {
        ResponseDefinitionBuilder response =
                switch (error) {
                    case INVALID_REQUEST -> json(400, fixture("google/error-400-invalid-argument.json"));
                    case AUTHENTICATION -> json(400, fixture("google/error-400-api-key-invalid.json"));
                    case MODEL_NOT_FOUND -> json(404, fixture("google/error-404-model.json"));
                    case RATE_LIMITED ->
                        json(
                                429,
                                fixture(
                                        stream
                                                ? "google/contract/error-stream-429.json"
                                                : "google/contract/error-429-retryinfo.json"));
                    case SERVER_ERROR -> json(500, fixture("google/error-500-internal.json"));
                    case OVERLOADED -> json(503, fixture("google/error-503-unavailable.json"));
                };
        return generate(stream).willReturn(response);
    }

    @Override
    protected MappingBuilder stubStreamCut() {
        return generate(true).willReturn(stream("contract/stream-cut.sse"));
    }

    @Override
    protected MappingBuilder stubMalformedEvent() {
        return generate(true).willReturn(stream("contract/stream-malformed.sse"));
    }

    @Override
    protected MappingBuilder stubErrorEvent() {
        return generate(true).willReturn(stream("contract/stream-error.sse"));
    }

    @Override
    protected MappingBuilder stubErrorEventBeforeContent() {
        return generate(true).willReturn(stream("contract/stream-error-first.sse"));
    }

    // ---------------------------------------------------------------- Gemini's own cases, end to end

    /** A 429 answer first, then {@code then}: a WireMock scenario of two steps. */
    private void rateLimitedThen(MappingBuilder first, MappingBuilder then) {
        stub(first.inScenario("gemini 429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("served"));
        stub(then.inScenario("gemini 429").whenScenarioStateIs("served"));
    }

    /** A streaming-endpoint answer labelled {@code text/event-stream} whose body is one JSON error document. */
    private ResponseDefinitionBuilder errorDocumentAsStream(String path) {
        return eventStream(fixture("google/" + path));
    }

    private static String streamedText(ChatStream stream) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent e : stream) {
            if (e instanceof StreamEvent.TextDelta d) text.append(d.text());
        }
        return text.toString();
    }

    @Test
    void honoursTheRetryInfoDelayOfA429LikeRetryAfter() {
        rateLimitedThen(
                generate(false).willReturn(json(429, fixture("google/error-429-retryinfo.json"))),
                stubPlainText(false));
        try (LlmRing ring = ringBuilder().build()) {
            ChatResponse r = ring.chat(plain());
            assertEquals(PLAIN_ANSWER, r.text());
        }
        assertEquals(List.of(Duration.ofSeconds(37)), sleeps(), "the recorded RetryInfo asks for 37s");
    }

    @Test
    void honoursTheRetryInfoDelayOfA429OnTheStreamingEndpoint() {
        rateLimitedThen(
                generate(true).willReturn(json(429, fixture("google/error-stream-array-429.json"))),
                stubPlainText(true));
        try (LlmRing ring = ringBuilder().build();
                ChatStream stream = ring.stream(plain())) {
            assertEquals(PLAIN_ANSWER, streamedText(stream));
        }
        assertEquals(List.of(Duration.ofMillis(1500)), sleeps());
    }

    @Test
    void aRetryInfoDelayBeyondTheCapIsNotWaitedFor() {
        stub(generate(false)
                .willReturn(json(
                        429, fixture("google/contract/error-429-retryinfo.json").replace("\"2s\"", "\"120s\""))));
        try (LlmRing ring = ringBuilder().build()) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> ring.chat(plain()));
            assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        }
        assertEquals(List.of(), sleeps(), "a delay over RetryPolicy.maxRetryAfter() is not slept");
        assertEquals(1, requestCount());
    }

    @Test
    void anErrorDocumentOnTheStreamingEndpointIsTheErrorItHolds() {
        stub(generate(true).willReturn(errorDocumentAsStream("error-stream-array-429.json")));
        try (LlmRing ring = ringBuilder().retryPolicy(RetryPolicy.none()).build()) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> ring.stream(plain()));
            assertEquals(Duration.ofMillis(1500), e.retryAfter().orElseThrow());
            assertEquals("RESOURCE_EXHAUSTED", e.details().providerCode().orElseThrow());
        }
    }

    @Test
    void anErrorDocumentOnTheStreamingEndpointIsRetriedAfterItsDelay() {
        rateLimitedThen(
                generate(true).willReturn(errorDocumentAsStream("error-stream-array-429.json")), stubPlainText(true));
        try (LlmRing ring = ringBuilder().build();
                ChatStream stream = ring.stream(plain())) {
            assertEquals(PLAIN_ANSWER, streamedText(stream));
        }
        assertEquals(List.of(Duration.ofMillis(1500)), sleeps());
    }

    @Test
    void aNotFoundDocumentOnTheStreamingEndpointIsModelNotFound() {
        stub(generate(true).willReturn(errorDocumentAsStream("error-404-model.json")));
        try (LlmRing ring = ringBuilder().build()) {
            assertThrows(ModelNotFoundException.class, () -> ring.stream(plain()));
        }
        assertEquals(1, requestCount(), "a missing model is not retried");
    }
}
