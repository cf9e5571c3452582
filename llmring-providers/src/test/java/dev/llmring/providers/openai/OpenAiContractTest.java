package dev.llmring.providers.openai;

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
import java.net.URI;

/** The adapter contract for OpenAI Chat Completions, with bodies in OpenAI's recorded wire shape. */
class OpenAiContractTest extends ProviderContractTest {
    private static final String MODEL = "gpt-4o-mini";

    @Override
    protected String provider() {
        return "openai";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected ProviderFactory providerFactory() {
        return new OpenAiProviderFactory();
    }

    @Override
    protected URI baseUrl(URI serverRoot) {
        return serverRoot.resolve("/v1");
    }

    /** Chat Completions keeps reasoning on OpenAI's side: an answer carries no state to send back. */
    @Override
    protected boolean supports(Capability capability) {
        return capability != Capability.REASONING_STATE;
    }

    /** A chat completion request for the model, with the key as a bearer token, streamed or not. */
    private static MappingBuilder completions(boolean stream) {
        MappingBuilder m = post(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Accept", equalTo(stream ? "text/event-stream" : "application/json"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)));
        return stream ? m.withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))) : m;
    }

    private static MappingBuilder messages(String json) {
        return completions(false).withRequestBody(matchingJsonPath("$.messages", equalToJson(json)));
    }

    private ResponseDefinitionBuilder answer(String name) {
        return json(200, fixture("openai/contract/" + name)).withHeader("x-request-id", "req_contract");
    }

    private ResponseDefinitionBuilder text(String text) {
        return json(200, fixture("openai/contract/text.json").replace("{{TEXT}}", text));
    }

    private ResponseDefinitionBuilder stream(String name) {
        return eventStream(fixture("openai/contract/" + name));
    }

    @Override
    protected MappingBuilder stubPlainText(boolean stream) {
        return completions(stream)
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(PLAIN_QUESTION)))
                .willReturn(stream ? stream("plain.sse") : text(PLAIN_ANSWER));
    }

    @Override
    protected MappingBuilder stubLength(boolean stream) {
        return completions(stream)
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("" + LENGTH_LIMIT)))
                .willReturn(stream ? stream("length.sse") : answer("length.json"));
    }

    @Override
    protected MappingBuilder stubMultiTurn() {
        return messages("[{\"role\":\"user\",\"content\":\"" + TURN_1 + "\"},"
                        + "{\"role\":\"assistant\",\"content\":\"" + TURN_2 + "\"},"
                        + "{\"role\":\"user\",\"content\":\"" + TURN_3 + "\"}]")
                .willReturn(text(MULTI_TURN_ANSWER));
    }

    @Override
    protected MappingBuilder stubSystemPrompt() {
        return messages("[{\"role\":\"system\",\"content\":\"" + SYSTEM_PROMPT + "\"},"
                        + "{\"role\":\"user\",\"content\":\"" + SYSTEM_QUESTION + "\"}]")
                .willReturn(text(SYSTEM_ANSWER));
    }

    @Override
    protected MappingBuilder stubImage() {
        return messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + IMAGE_QUESTION + "\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:" + IMAGE_MEDIA_TYPE + ";base64,"
                        + IMAGE_BASE64 + "\"}}]}]")
                .willReturn(text(IMAGE_ANSWER));
    }

    private static String tool(Tool t) {
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + t.name() + "\",\"description\":\"" + t.description()
                + "\",\"parameters\":" + t.parametersSchema() + "}}";
    }

    @Override
    protected MappingBuilder stubToolCalls(boolean stream) {
        return completions(stream)
                .withRequestBody(matchingJsonPath(
                        "$.tools", equalToJson("[" + tool(WEATHER_TOOL) + "," + tool(TIME_TOOL) + "]")))
                .willReturn(stream ? stream("tool-calls.sse") : answer("tool-calls.json"));
    }

    @Override
    protected MappingBuilder stubToolResults() {
        String call = "{\"id\":\"%s\",\"type\":\"function\",\"function\":{\"name\":\"%s\",\"arguments\":%s}}";
        return messages("[{\"role\":\"user\",\"content\":\"" + TOOLS_QUESTION + "\"},"
                        + "{\"role\":\"assistant\",\"tool_calls\":["
                        + String.format(call, WEATHER_CALL_ID, WEATHER_TOOL.name(), quoted(WEATHER_ARGUMENTS)) + ","
                        + String.format(call, TIME_CALL_ID, TIME_TOOL.name(), quoted(TIME_ARGUMENTS)) + "]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"" + WEATHER_CALL_ID + "\",\"content\":"
                        + quoted(WEATHER_RESULT) + "},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"" + TIME_CALL_ID + "\",\"content\":"
                        + quoted(TIME_RESULT) + "}]")
                .willReturn(text(TOOL_RESULTS_ANSWER));
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }

    @Override
    protected MappingBuilder stubStructuredOutput(boolean stream) {
        return completions(stream)
                .withRequestBody(matchingJsonPath(
                        "$.response_format",
                        equalToJson("{\"type\":\"json_schema\","
                                + "\"json_schema\":{\"name\":\"" + STRUCTURED_SCHEMA_NAME + "\",\"schema\":"
                                + STRUCTURED_SCHEMA
                                + ",\"strict\":true}}")))
                .willReturn(stream ? stream("structured.sse") : answer("structured.json"));
    }

    @Override
    protected MappingBuilder stubCachedUsage() {
        return completions(false).willReturn(answer("cached-usage.json"));
    }

    @Override
    protected MappingBuilder stubReasoningUsage() {
        return completions(false).willReturn(answer("reasoning-usage.json"));
    }

    @Override
    protected MappingBuilder stubError(ErrorCase error, boolean stream) {
        ResponseDefinitionBuilder response =
                switch (error) {
                    case INVALID_REQUEST -> json(400, fixture("openai/error-400-invalid.json"));
                    case AUTHENTICATION -> json(401, fixture("openai/error-401.json"));
                    case MODEL_NOT_FOUND -> json(404, fixture("openai/error-404-model.json"));
                    case RATE_LIMITED ->
                        json(429, fixture("openai/contract/error-429-rate.json"))
                                .withHeader("retry-after", "2")
                                .withHeader("x-ratelimit-remaining-requests", "0");
                    case SERVER_ERROR -> json(500, fixture("openai/error-500.json"));
                    case OVERLOADED -> json(503, fixture("openai/contract/error-503-overloaded.json"));
                };
        return completions(stream).willReturn(response.withHeader("x-request-id", "req_contract_error"));
    }

    @Override
    protected MappingBuilder stubStreamCut() {
        return completions(true).willReturn(stream("stream-cut.sse"));
    }

    @Override
    protected MappingBuilder stubMalformedEvent() {
        return completions(true).willReturn(stream("stream-malformed.sse"));
    }

    @Override
    protected MappingBuilder stubErrorEvent() {
        return completions(true).willReturn(stream("stream-error.sse"));
    }

    @Override
    protected MappingBuilder stubErrorEventBeforeContent() {
        return completions(true).willReturn(stream("stream-error-first.sse"));
    }
}
