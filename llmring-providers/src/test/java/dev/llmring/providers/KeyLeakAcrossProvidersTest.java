package dev.llmring.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.providers.testsupport.WireMockRing;
import dev.llmring.providers.testsupport.WireResponses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile server that echoes the caller's key through every channel it has, for each adapter: as a bare token in a
 * malformed body and in a malformed stream frame (Jackson quotes such a token whole in its message), in the request-id
 * header, in an error body, and in a stream's error event. The key must show up nowhere: not in any message,
 * {@code toString()}, cause or suppressed exception (all the way down), details, trace, request id, nor in a log line
 * (llmring logs at TRACE in these tests, captured here).
 */
class KeyLeakAcrossProvidersTest {
    /** Underscores, not dashes: a JSON parser reads it as one bare token and quotes it whole. */
    private static final String SECRET = "test_key_DO_NOT_LEAK_77";

    @RegisterExtension
    static final WireMockRing WIRE = new WireMockRing();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<Object> shown = new ArrayList<>();
    private PrintStream originalErr;
    private PrintStream originalOut;

    /** Each adapter: where it is called, its request-id header, and its wire shapes for the faults. */
    enum Wire {
        OPENAI(
                "openai:gpt-4o-mini",
                "/openai/v1/chat/completions",
                "/openai/v1/chat/completions",
                "x-request-id",
                "{\"error\":{\"message\":\"Incorrect API key provided: %s\",\"type\":\"invalid_request_error\"}}",
                s -> WireResponses.eventStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                        + "data: {\"error\":{\"message\":\"bad key " + s + "\",\"type\":\"server_error\"}}\n\n"),
                s -> WireResponses.eventStream("data: " + s + "\n\n")),
        ANTHROPIC(
                "anthropic:claude-sonnet-4-5",
                "/anthropic/v1/messages",
                "/anthropic/v1/messages",
                "request-id",
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"key %s\"}}",
                s -> WireResponses.eventStream("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                        + "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
                        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"" + s + "\"}}\n\n"),
                s -> WireResponses.eventStream("event: message_start\ndata: " + s + "\n\n")),
        GOOGLE(
                "google:gemini-2.5-flash",
                "/google/v1beta/models/gemini-2.5-flash:generateContent",
                "/google/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                "x-request-id",
                "{\"error\":{\"code\":400,\"message\":\"API key not valid: %s\",\"status\":\"INVALID_ARGUMENT\"}}",
                s -> WireResponses.eventStream(
                        "data: {\"error\":{\"code\":500,\"message\":\"" + s + "\",\"status\":\"INTERNAL\"}}\r\n\r\n"),
                s -> WireResponses.eventStream("data: " + s + "\r\n\r\n")),
        OLLAMA(
                "ollama:llama3.2",
                "/ollama/api/chat",
                "/ollama/api/chat",
                "x-request-id",
                "{\"error\":\"unauthorized: %s\"}",
                s -> WireResponses.ndjson("{\"error\":\"model failed: " + s + "\"}\n"),
                s -> WireResponses.ndjson(s + "\n"));

        final String model;
        final String path;
        final String streamPath;
        final String requestIdHeader;
        final String errorBody;
        final Function<String, ResponseDefinitionBuilder> streamError;
        final Function<String, ResponseDefinitionBuilder> malformedFrame;

        Wire(
                String model,
                String path,
                String streamPath,
                String requestIdHeader,
                String errorBody,
                Function<String, ResponseDefinitionBuilder> streamError,
                Function<String, ResponseDefinitionBuilder> malformedFrame) {
            this.model = model;
            this.path = path;
            this.streamPath = streamPath;
            this.requestIdHeader = requestIdHeader;
            this.errorBody = errorBody;
            this.streamError = streamError;
            this.malformedFrame = malformedFrame;
        }
    }

    @BeforeEach
    void capture() {
        originalErr = System.err;
        originalOut = System.out;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(tee);
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private static LlmRing ring() {
        return WIRE.ring(SECRET).apiKey("ollama", SECRET).build();
    }

    private static ChatRequest request(Wire wire) {
        return ChatRequest.builder(wire.model).user("Say hello").build();
    }

    /** Everything a caller can see of {@code t}, its causes and suppressed exceptions, all the way down. */
    private void record(Throwable t) {
        shown.add(t.getMessage());
        shown.add(t.toString());
        shown.add(t.getLocalizedMessage());
        if (t instanceof LlmRingException e) {
            shown.add(e.details());
            e.requestId().ifPresent(shown::add);
            e.trace().ifPresent(shown::add);
        }
        for (Throwable s : t.getSuppressed()) record(s);
        if (t.getCause() != null) record(t.getCause());
    }

    private void assertNoKeyShown() {
        System.err.flush();
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("TRACE") || logs.contains("DEBUG"), "llmring's log lines were captured:\n" + logs);
        assertFalse(logs.contains(SECRET), "a log line shows the key:\n" + logs);
        for (Object o : shown) assertFalse(String.valueOf(o).contains(SECRET), "shown: " + o);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aKeyAsABareTokenInAMalformedBodyLeaksNowhere(Wire wire) {
        WIRE.server().stubFor(post(urlPathEqualTo(wire.path)).willReturn(WireResponses.json(200, SECRET)));
        try (LlmRing ring = ring()) {
            record(assertThrows(LlmRingException.class, () -> ring.chat(request(wire))));
        }
        assertNoKeyShown();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aKeyAsABareTokenInAMalformedStreamFrameLeaksNowhere(Wire wire) {
        WIRE.server().stubFor(post(urlPathEqualTo(wire.streamPath)).willReturn(wire.malformedFrame.apply(SECRET)));
        try (LlmRing ring = ring()) {
            record(assertThrows(
                    LlmRingException.class, () -> ring.stream(request(wire)).close()));
        }
        assertNoKeyShown();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aKeyInAnErrorBodyLeaksNowhere(Wire wire) {
        WIRE.server()
                .stubFor(post(urlPathEqualTo(wire.path))
                        .willReturn(WireResponses.json(400, wire.errorBody.formatted(SECRET))
                                .withHeader(wire.requestIdHeader, SECRET)));
        try (LlmRing ring = ring()) {
            record(assertThrows(LlmRingException.class, () -> ring.chat(request(wire))));
        }
        assertNoKeyShown();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aKeyInAStreamErrorEventLeaksNowhere(Wire wire) {
        WIRE.server()
                .stubFor(post(urlPathEqualTo(wire.streamPath))
                        .willReturn(wire.streamError.apply(SECRET).withHeader(wire.requestIdHeader, SECRET)));
        try (LlmRing ring = ring()) {
            record(assertThrows(LlmRingException.class, () -> {
                try (ChatStream stream = ring.stream(request(wire))) {
                    shown.add(stream);
                    stream.response();
                }
            }));
        }
        assertNoKeyShown();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aKeyInTheRequestIdHeaderOfAGoodAnswerLeaksNowhere(Wire wire) {
        WIRE.server()
                .stubFor(post(urlPathEqualTo(wire.path))
                        .willReturn(
                                WireResponses.json(200, goodAnswer(wire)).withHeader(wire.requestIdHeader, SECRET)));
        try (LlmRing ring = ring()) {
            ChatResponse r = ring.chat(request(wire));
            shown.add(r);
            shown.add(r.requestId().orElse(""));
            shown.add(r.trace());
        }
        assertNoKeyShown();
    }

    private static String goodAnswer(Wire wire) {
        return switch (wire) {
            case OPENAI ->
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":"
                        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
            case ANTHROPIC ->
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":\"end_turn\","
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
            case GOOGLE ->
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,"
                        + "\"candidatesTokenCount\":1},\"responseId\":\"" + SECRET + "\"}";
            case OLLAMA ->
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                        + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":1}";
        };
    }
}
