package dev.llmring.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One provider as a loopback fake serves it: where its adapter posts, and the recorded-shape bodies it answers with
 * (under {@code src/test/resources/<provider>/}; every answer and error message echoes {@link #KEY}).
 */
record Wire(
        String provider,
        String model,
        String semconvProvider,
        String basePath,
        String chatPath,
        String streamPath,
        String chatBody,
        String streamBody,
        String streamType,
        int errorStatus,
        String errorBody,
        @Nullable String responseId,
        @Nullable String streamResponseId,
        String responseModel,
        String streamResponseModel,
        long inputTokens,
        long outputTokens,
        long streamInputTokens,
        long streamOutputTokens) {

    /** The fake key every provider is configured with, and every fake answer echoes. */
    static final String KEY = "test-key-otel";

    static final Wire OPENAI = new Wire(
            "openai",
            "gpt-4o-mini",
            "openai",
            "/openai/v1",
            "/openai/v1/chat/completions",
            "/openai/v1/chat/completions",
            read("openai/response-text.json"),
            read("openai/stream-text.sse"),
            "text/event-stream",
            500,
            read("openai/error-500.json"),
            "chatcmpl-BcO1gPfCFAf86O5CyQ9CTeEyoc8KG",
            "chatcmpl-BdV7mK2pQ9rT4wX1yZ3aB5cD6eF7g",
            "gpt-4o-2024-08-06",
            "gpt-4o-mini-2024-07-18",
            2006,
            300,
            1536,
            9);

    static final Wire ANTHROPIC = new Wire(
            "anthropic",
            "claude-sonnet-4-5",
            "anthropic",
            "/anthropic",
            "/anthropic/v1/messages",
            "/anthropic/v1/messages",
            read("anthropic/message-text.json"),
            read("anthropic/stream-text.sse"),
            "text/event-stream",
            529,
            read("anthropic/error-body-overloaded.json"),
            "msg_01XFDUDYJgAACzvnptvVoYEL",
            "msg_014p7gG3wDgGV9EUtLvnow3U",
            "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-5-20250929",
            21,
            11,
            21,
            11);

    static final Wire GOOGLE = new Wire(
            "google",
            "gemini-2.5-flash",
            "gcp.gemini",
            "/google/v1beta",
            "/google/v1beta/models/gemini-2.5-flash:generateContent",
            "/google/v1beta/models/gemini-2.5-flash:streamGenerateContent",
            read("google/generate-text.json"),
            read("google/stream-text.sse"),
            "text/event-stream",
            503,
            read("google/error-503-unavailable.json"),
            "mG5MaJ2dL6-Wz7IPsqy9gQ4",
            "mG5MaJ2dL6-Wz7IPsqy9gQ4",
            "gemini-2.0-flash",
            "gemini-2.0-flash",
            9,
            8,
            9,
            8);

    static final Wire OLLAMA = new Wire(
            "ollama",
            "llama3.2",
            "ollama",
            "/ollama",
            "/ollama/api/chat",
            "/ollama/api/chat",
            read("ollama/chat-text.json"),
            read("ollama/stream-text.ndjson"),
            "application/x-ndjson",
            500,
            read("ollama/error-500.json"),
            null,
            null,
            "llama3.2",
            "llama3.2",
            31,
            8,
            31,
            8);

    static final List<Wire> ALL = List.of(OPENAI, ANTHROPIC, GOOGLE, OLLAMA);

    /** {@code provider:model}. */
    String binding() {
        return provider + ":" + model;
    }

    /** The provider after this one in {@link #ALL}, to fail over to. */
    Wire next() {
        return ALL.get((ALL.indexOf(this) + 1) % ALL.size());
    }

    /** Stubs this provider's success for chat or stream. */
    void serves(WireMockServer server, boolean stream) {
        ResponseDefinitionBuilder answer = stream
                ? aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", streamType)
                        .withBody(streamBody)
                : aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(chatBody);
        server.stubFor(post(urlPathEqualTo(stream ? streamPath : chatPath)).willReturn(answer));
    }

    /** Stubs this provider's failure (its error status and body) for chat or stream. */
    void fails(WireMockServer server, boolean stream) {
        server.stubFor(post(urlPathEqualTo(stream ? streamPath : chatPath))
                .willReturn(aResponse()
                        .withStatus(errorStatus)
                        .withHeader("Content-Type", "application/json")
                        .withBody(errorBody)));
    }

    URI baseUrl(WireMockServer server) {
        return URI.create("http://127.0.0.1:" + server.port() + basePath);
    }

    @Nullable
    String responseId(boolean stream) {
        return stream ? streamResponseId : responseId;
    }

    String responseModel(boolean stream) {
        return stream ? streamResponseModel : responseModel;
    }

    long inputTokens(boolean stream) {
        return stream ? streamInputTokens : inputTokens;
    }

    long outputTokens(boolean stream) {
        return stream ? streamOutputTokens : outputTokens;
    }

    @Override
    public String toString() {
        return provider;
    }

    private static String read(String resource) {
        try (InputStream in = Wire.class.getResourceAsStream("/" + resource)) {
            if (in == null) throw new IllegalStateException("no test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
