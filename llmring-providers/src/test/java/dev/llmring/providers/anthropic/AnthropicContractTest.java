package dev.llmring.providers.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.llmring.contract.ContractScript.*;
import static dev.llmring.providers.testsupport.WireResponses.eventStream;
import static dev.llmring.providers.testsupport.WireResponses.json;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmring.Tool;
import dev.llmring.contract.Capability;
import dev.llmring.contract.ErrorCase;
import dev.llmring.contract.ProviderContractTest;
import dev.llmring.spi.ProviderFactory;

/** The adapter contract for the Anthropic Messages API, with bodies in Anthropic's recorded wire shape. */
class AnthropicContractTest extends ProviderContractTest {
    private static final String MODEL = "claude-sonnet-4-5";

    @Override
    protected String provider() {
        return "anthropic";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected ProviderFactory providerFactory() {
        return new AnthropicProviderFactory();
    }

    /** Anthropic counts thinking within {@code output_tokens} and reports no separate reasoning count. */
    @Override
    protected boolean supports(Capability capability) {
        return capability != Capability.REASONING_TOKENS;
    }

    @Override
    protected int statusOf(ErrorCase error) {
        return error == ErrorCase.OVERLOADED ? 529 : super.statusOf(error);
    }

    /** A Messages request for the model with the key and API version headers, streamed or not. */
    private static MappingBuilder messages(boolean stream) {
        MappingBuilder m = post(urlPathEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(API_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
                .withHeader("Accept", equalTo(stream ? "text/event-stream" : "application/json"))
                .withRequestBody(matchingJsonPath("$.max_tokens"));
        return stream ? m.withRequestBody(matchingJsonPath("$.stream", equalTo("true"))) : m;
    }

    private static MappingBuilder turns(String json) {
        return messages(false).withRequestBody(matchingJsonPath("$.messages", equalToJson(json)));
    }

    private ResponseDefinitionBuilder answer(String path) {
        return json(200, fixture("anthropic/" + path)).withHeader("request-id", "req_contract");
    }

    private ResponseDefinitionBuilder text(String text) {
        return json(200, fixture("anthropic/contract/text.json").replace("{{TEXT}}", text));
    }

    private ResponseDefinitionBuilder stream(String path) {
        return eventStream(fixture("anthropic/" + path)).withHeader("request-id", "req_contract");
    }

    private static String userText(String text) {
        return "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    @Override
    protected MappingBuilder stubPlainText(boolean stream) {
        return messages(stream)
                .withRequestBody(matchingJsonPath("$.messages", equalToJson("[" + userText(PLAIN_QUESTION) + "]")))
                .willReturn(stream ? stream("contract/plain.sse") : text(PLAIN_ANSWER));
    }

    @Override
    protected MappingBuilder stubLength(boolean stream) {
        return messages(stream)
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("" + LENGTH_LIMIT)))
                .willReturn(stream ? stream("contract/length.sse") : answer("contract/length.json"));
    }

    @Override
    protected MappingBuilder stubMultiTurn() {
        return turns("[" + userText(TURN_1) + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + TURN_2 + "\"}]}," + userText(TURN_3) + "]")
                .willReturn(text(MULTI_TURN_ANSWER));
    }

    @Override
    protected MappingBuilder stubSystemPrompt() {
        return turns("[" + userText(SYSTEM_QUESTION) + "]")
                .withRequestBody(matchingJsonPath("$.system", equalTo(SYSTEM_PROMPT)))
                .willReturn(text(SYSTEM_ANSWER));
    }

    @Override
    protected MappingBuilder stubImage() {
        return turns("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + IMAGE_QUESTION + "\"},"
                        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"" + IMAGE_MEDIA_TYPE
                        + "\",\"data\":\"" + IMAGE_BASE64 + "\"}}]}]")
                .willReturn(text(IMAGE_ANSWER));
    }

    private static String tool(Tool t) {
        return "{\"name\":\"" + t.name() + "\",\"description\":\"" + t.description() + "\",\"input_schema\":"
                + t.parametersSchema() + "}";
    }

    @Override
    protected MappingBuilder stubToolCalls(boolean stream) {
        return messages(stream)
                .withRequestBody(matchingJsonPath(
                        "$.tools", equalToJson("[" + tool(WEATHER_TOOL) + "," + tool(TIME_TOOL) + "]")))
                .withRequestBody(matchingJsonPath("$.tool_choice", equalToJson("{\"type\":\"auto\"}")))
                .willReturn(stream ? stream("contract/tool-calls.sse") : answer("contract/tool-calls.json"));
    }

    @Override
    protected MappingBuilder stubToolResults() {
        String use = "{\"type\":\"tool_use\",\"id\":\"%s\",\"name\":\"%s\",\"input\":%s}";
        String result = "{\"type\":\"tool_result\",\"tool_use_id\":\"%s\",\"content\":\"%s\"}";
        return turns("[" + userText(TOOLS_QUESTION) + ","
                        + "{\"role\":\"assistant\",\"content\":["
                        + String.format(use, WEATHER_CALL_ID, WEATHER_TOOL.name(), WEATHER_ARGUMENTS) + ","
                        + String.format(use, TIME_CALL_ID, TIME_TOOL.name(), TIME_ARGUMENTS) + "]},"
                        + "{\"role\":\"user\",\"content\":["
                        + String.format(result, WEATHER_CALL_ID, WEATHER_RESULT.replace("\"", "\\\"")) + ","
                        + String.format(result, TIME_CALL_ID, TIME_RESULT.replace("\"", "\\\"")) + "]}]")
                .willReturn(text(TOOL_RESULTS_ANSWER));
    }

    private static final String THINKING = "The user asks for the weather and the time in Paris. I have get_weather"
            + " and get_time; I can call both at once.";
    private static final String SIGNATURE =
            "EqQBCkgIBhABGAIiQFc0ntest+signature+for+the+contract+not+a+real+one+Rk7Tq2Lm5Nc8Vb3Xz6Wd9PEgxqTjKx9w==";
    private static final String REDACTED =
            "EmwKAhgBEgy3va3pzix/test+redacted+data+for+the+contract+not+real+LafPsn4aDFIT2Xlxh0L5L8rLVyIw==";

    /** Extended thinking with the script's budget, as {@code Reasoning.budget} maps it. */
    private static MappingBuilder thinking(MappingBuilder m) {
        return m.withRequestBody(matchingJsonPath(
                "$.thinking", equalToJson("{\"type\":\"enabled\",\"budget_tokens\":" + REASONING_BUDGET + "}")));
    }

    /** Tool use with thinking on: a signed thinking block and a redacted one, text, then the two calls. */
    @Override
    protected MappingBuilder stubReasoningToolCalls(boolean stream) {
        return thinking(messages(stream))
                .withRequestBody(matchingJsonPath("$.messages", equalToJson("[" + userText(TOOLS_QUESTION) + "]")))
                .willReturn(
                        stream
                                ? stream("contract/reasoning-tool-calls.sse")
                                : answer("contract/reasoning-tool-calls.json"));
    }

    /**
     * The whole conversation: the assistant turn holds the thinking block (text and signature unchanged), then the
     * redacted block, then the text, then the {@code tool_use} blocks, as Anthropic requires with thinking on.
     */
    @Override
    protected MappingBuilder stubReasoningToolResults() {
        String weather = "toolu_01Wx4Kp8Rt2Ym6Qs9Ln3Vc7B";
        String time = "toolu_01Hd5Jf9Ga3Ze7Xu1Mo4Pb8N";
        String use = "{\"type\":\"tool_use\",\"id\":\"%s\",\"name\":\"%s\",\"input\":%s}";
        String result = "{\"type\":\"tool_result\",\"tool_use_id\":\"%s\",\"content\":\"%s\"}";
        return thinking(messages(false))
                .withRequestBody(matchingJsonPath(
                        "$.messages",
                        equalToJson("[" + userText(TOOLS_QUESTION) + ","
                                + "{\"role\":\"assistant\",\"content\":["
                                + "{\"type\":\"thinking\",\"thinking\":\"" + THINKING + "\",\"signature\":\""
                                + SIGNATURE + "\"},"
                                + "{\"type\":\"redacted_thinking\",\"data\":\"" + REDACTED + "\"},"
                                + "{\"type\":\"text\",\"text\":\"I'll look up both.\"},"
                                + String.format(use, weather, WEATHER_TOOL.name(), WEATHER_ARGUMENTS) + ","
                                + String.format(use, time, TIME_TOOL.name(), TIME_ARGUMENTS) + "]},"
                                + "{\"role\":\"user\",\"content\":["
                                + String.format(result, weather, WEATHER_RESULT.replace("\"", "\\\""))
                                + ","
                                + String.format(result, time, TIME_RESULT.replace("\"", "\\\"")) + "]}]")))
                .willReturn(text(TOOL_RESULTS_ANSWER));
    }

    /** Structured output rides on the synthetic answer tool, forced, whose input schema is the schema. */
    @Override
    protected MappingBuilder stubStructuredOutput(boolean stream) {
        return messages(stream)
                .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo(ToolsEncoder.ANSWER_TOOL)))
                .withRequestBody(matchingJsonPath("$.tools[0].input_schema", equalToJson(STRUCTURED_SCHEMA)))
                .withRequestBody(matchingJsonPath(
                        "$.tool_choice",
                        equalToJson("{\"type\":\"tool\",\"name\":\"" + ToolsEncoder.ANSWER_TOOL + "\"}")))
                .willReturn(stream ? stream("stream-structured.sse") : answer("message-structured.json"));
    }

    @Override
    protected MappingBuilder stubCachedUsage() {
        return messages(false).willReturn(answer("contract/cached-usage.json"));
    }

    @Override
    protected MappingBuilder stubError(ErrorCase error, boolean stream) {
        ResponseDefinitionBuilder response =
                switch (error) {
                    case INVALID_REQUEST -> json(400, fixture("anthropic/contract/error-400-invalid.json"));
                    case AUTHENTICATION -> json(401, fixture("anthropic/contract/error-401.json"));
                    case MODEL_NOT_FOUND -> json(404, fixture("anthropic/contract/error-404-model.json"));
                    case RATE_LIMITED ->
                        json(429, fixture("anthropic/contract/error-429-rate.json"))
                                .withHeader("retry-after", "2")
                                .withHeader("anthropic-ratelimit-requests-remaining", "0");
                    case SERVER_ERROR -> json(500, fixture("anthropic/contract/error-500.json"));
                    case OVERLOADED -> json(529, fixture("anthropic/error-body-overloaded.json"));
                };
        return messages(stream).willReturn(response.withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy"));
    }

    @Override
    protected MappingBuilder stubStreamCut() {
        return messages(true).willReturn(stream("contract/stream-cut.sse"));
    }

    @Override
    protected MappingBuilder stubMalformedEvent() {
        return messages(true).willReturn(stream("contract/stream-malformed.sse"));
    }

    @Override
    protected MappingBuilder stubErrorEvent() {
        return messages(true).willReturn(stream("contract/stream-error.sse"));
    }

    @Override
    protected MappingBuilder stubErrorEventBeforeContent() {
        return messages(true).willReturn(stream("contract/stream-error-first.sse"));
    }
}
