package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/** A WireMock OpenAI Chat Completions endpoint on loopback, answering in the shape real traffic has. */
final class OpenAiStub implements AutoCloseable {
    private static final String PATH = "/v1/chat/completions";

    private final WireMockServer wm;

    OpenAiStub() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + wm.port() + "/v1";
    }

    /** Streams {@code pieces} as content deltas, then the usage chunk ({@code "choices": []}) and {@code [DONE]}. */
    void streams(String model, int promptTokens, int completionTokens, String... pieces) {
        StringBuilder sse = new StringBuilder();
        sse.append(chunk(model, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null));
        for (String piece : pieces) sse.append(chunk(model, "{\"content\":\"" + piece + "\"}", null));
        sse.append(chunk(model, "{}", "stop"));
        sse.append("data: {\"id\":\"chatcmpl-test1\",\"object\":\"chat.completion.chunk\",\"created\":1748501200,"
                + "\"model\":\"" + model + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}\n\n");
        sse.append("data: [DONE]\n\n");
        wm.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                        .withHeader("x-request-id", "req_stream_1")
                        .withBody(sse.toString())));
    }

    /** Answers a non-streamed request with one completion. */
    void answers(String model, String text, int promptTokens, int completionTokens) {
        String body = "{\"id\":\"chatcmpl-test2\",\"object\":\"chat.completion\",\"created\":1748501200,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + ",\"prompt_tokens_details\":"
                + "{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,"
                + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
                + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_34a54ae93c\"}";
        wm.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"stream\":true"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-request-id", "req_plain_1")
                        .withBody(body)));
    }

    /** Refuses every request as invalid, as OpenAI does for a bad parameter. */
    void rejects() {
        wm.stubFor(
                post(urlEqualTo(PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"message\":\"Invalid value for 'temperature': must be at most 2.\","
                                                        + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}")));
    }

    List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    private static String chunk(String model, String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-test1\",\"object\":\"chat.completion.chunk\",\"created\":1748501200,"
                + "\"model\":\"" + model + "\",\"system_fingerprint\":\"fp_34a54ae93c\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}],\"usage\":null}\n\n";
    }

    @Override
    public void close() {
        wm.stop();
    }
}
