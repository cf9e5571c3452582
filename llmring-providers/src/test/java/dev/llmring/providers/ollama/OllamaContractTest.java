package dev.llmring.providers.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.llmring.contract.ContractScript.*;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static dev.llmring.providers.testsupport.WireResponses.ndjson;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmring.Tool;
import dev.llmring.contract.Capability;
import dev.llmring.contract.ErrorCase;
import dev.llmring.contract.ProviderContractTest;
import dev.llmring.spi.ProviderFactory;

/**
 * The adapter contract for Ollama's native {@code /api/chat}, with bodies in Ollama's recorded wire shape (NDJSON
 * streams ending in a {@code "done": true} line, errors as {@code {"error": "…"}}). Its 401 and 429 are what an
 * authenticating proxy or Ollama's hosted models send.
 */
class OllamaContractTest extends ProviderContractTest {
    private static final String MODEL = "llama3.2";

    @Override
    protected String provider() {
        return "ollama";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected ProviderFactory providerFactory() {
        return new OllamaProviderFactory();
    }

    /**
     * Ollama reports {@code prompt_eval_count} and {@code eval_count} only: no count of cached prompt tokens, and
     * thinking tokens inside {@code eval_count} without a count of their own. Its {@code thinking} is text only, with
     * no opaque state to send back.
     */
    @Override
    protected boolean supports(Capability capability) {
        return capability != Capability.CACHED_INPUT_TOKENS
                && capability != Capability.REASONING_TOKENS
                && capability != Capability.REASONING_STATE;
    }

    /** {@code POST /api/chat} for the model, {@code stream} set either way, no credentials sent. */
    private static MappingBuilder chat(boolean stream) {
        return post(urlPathEqualTo("/api/chat"))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
                .withRequestBody(matchingJsonPath("$.stream", equalTo(String.valueOf(stream))));
    }

    private static MappingBuilder messages(boolean stream, String json) {
        return chat(stream).withRequestBody(matchingJsonPath("$.messages", equalToJson(json)));
    }

    private static String message(String role, String content) {
        return "{\"role\":\"" + role + "\",\"content\":\"" + content + "\"}";
    }

    private ResponseDefinitionBuilder answer(String path) {
        return json(200, fixture("ollama/" + path));
    }

    private ResponseDefinitionBuilder text(String text) {
        return json(200, fixture("ollama/contract/text.json").replace("{{TEXT}}", text));
    }

    private ResponseDefinitionBuilder stream(String path) {
        return ndjson(fixture("ollama/" + path));
    }

    @Override
    protected MappingBuilder stubPlainText(boolean stream) {
        return messages(stream, "[" + message("user", PLAIN_QUESTION) + "]")
                .willReturn(stream ? stream("contract/plain.ndjson") : text(PLAIN_ANSWER));
    }

    @Override
    protected MappingBuilder stubLength(boolean stream) {
        return chat(stream)
                .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("" + LENGTH_LIMIT)))
                .willReturn(stream ? stream("contract/length.ndjson") : answer("contract/length.json"));
    }

    @Override
    protected MappingBuilder stubMultiTurn() {
        return messages(
                        false,
                        "[" + message("user", TURN_1) + "," + message("assistant", TURN_2) + ","
                                + message("user", TURN_3) + "]")
                .willReturn(text(MULTI_TURN_ANSWER));
    }

    @Override
    protected MappingBuilder stubSystemPrompt() {
        return messages(false, "[" + message("system", SYSTEM_PROMPT) + "," + message("user", SYSTEM_QUESTION) + "]")
                .willReturn(text(SYSTEM_ANSWER));
    }

    @Override
    protected MappingBuilder stubImage() {
        return messages(
                        false,
                        "[{\"role\":\"user\",\"content\":\"" + IMAGE_QUESTION + "\",\"images\":[\"" + IMAGE_BASE64
                                + "\"]}]")
                .willReturn(text(IMAGE_ANSWER));
    }

    private static String tool(Tool t) {
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + t.name() + "\",\"description\":\"" + t.description()
                + "\",\"parameters\":" + t.parametersSchema() + "}}";
    }

    /** Ollama sends tool calls whole, without ids in older versions (the non-streamed answer) and with them since. */
    @Override
    protected MappingBuilder stubToolCalls(boolean stream) {
        return chat(stream)
                .withRequestBody(matchingJsonPath(
                        "$.tools", equalToJson("[" + tool(WEATHER_TOOL) + "," + tool(TIME_TOOL) + "]")))
                .willReturn(stream ? stream("contract/tool-calls.ndjson") : answer("contract/tool-calls.json"));
    }

    /** Results name their function ({@code tool_name}), found from the call they answer. */
    @Override
    protected MappingBuilder stubToolResults() {
        String call = "{\"function\":{\"name\":\"%s\",\"arguments\":%s}}";
        String result = "{\"role\":\"tool\",\"content\":\"%s\",\"tool_name\":\"%s\"}";
        return messages(
                        false,
                        "[" + message("user", TOOLS_QUESTION) + ","
                                + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                                + String.format(call, WEATHER_TOOL.name(), WEATHER_ARGUMENTS) + ","
                                + String.format(call, TIME_TOOL.name(), TIME_ARGUMENTS) + "]},"
                                + String.format(result, WEATHER_RESULT.replace("\"", "\\\""), WEATHER_TOOL.name()) + ","
                                + String.format(result, TIME_RESULT.replace("\"", "\\\""), TIME_TOOL.name()) + "]")
                .willReturn(text(TOOL_RESULTS_ANSWER));
    }

    /** The schema goes in {@code format}. */
    @Override
    protected MappingBuilder stubStructuredOutput(boolean stream) {
        return chat(stream)
                .withRequestBody(matchingJsonPath("$.format", equalToJson(STRUCTURED_SCHEMA)))
                .willReturn(stream ? stream("contract/structured.ndjson") : answer("contract/structured.json"));
    }

    @Override
    protected MappingBuilder stubError(ErrorCase error, boolean stream) {
        ResponseDefinitionBuilder response =
                switch (error) {
                    case INVALID_REQUEST -> json(400, fixture("ollama/error-400.json"));
                    case AUTHENTICATION -> json(401, fixture("ollama/contract/error-401.json"));
                    case MODEL_NOT_FOUND -> json(404, fixture("ollama/error-404-model.json"));
                    case RATE_LIMITED ->
                        json(429, fixture("ollama/contract/error-429.json")).withHeader("Retry-After", "2");
                    case SERVER_ERROR -> json(500, fixture("ollama/error-500.json"));
                    case OVERLOADED -> json(503, fixture("ollama/contract/error-503-busy.json"));
                };
        return chat(stream).willReturn(response);
    }

    @Override
    protected MappingBuilder stubStreamCut() {
        return chat(true).willReturn(stream("stream-cut.ndjson"));
    }

    @Override
    protected MappingBuilder stubMalformedEvent() {
        return chat(true).willReturn(stream("contract/stream-malformed.ndjson"));
    }

    @Override
    protected MappingBuilder stubErrorEvent() {
        return chat(true).willReturn(stream("stream-error-line.ndjson"));
    }

    @Override
    protected MappingBuilder stubErrorEventBeforeContent() {
        return chat(true).willReturn(stream("contract/stream-error-first.ndjson"));
    }
}
