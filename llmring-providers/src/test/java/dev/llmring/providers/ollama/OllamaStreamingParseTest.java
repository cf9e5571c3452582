package dev.llmring.providers.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.FinishReason;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.WholeToolCalls;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lines are read field by field with a streaming parser and requests written straight to bytes: these pin the rules
 * a tree gave for free (wire order, unknown fields, wrong types, limits) and the options policy without a tree.
 */
class OllamaStreamingParseTest {
    private final ProviderAdapter adapter = new OllamaProviderFactory()
            .create(ProviderConfig.builder("ollama").environment(v -> null).build());

    private static List<StreamEvent> lines(String... lines) {
        RecordingSink sink = new RecordingSink();
        OllamaDecoder decoder = new OllamaDecoder(sink);
        for (String line : lines) decoder.onFrame(null, line);
        decoder.onEnd();
        return sink.events;
    }

    private static ProviderFailure failure(String line) {
        return assertThrows(ProviderFailure.class, () -> new OllamaDecoder(new RecordingSink()).onFrame(null, line));
    }

    @Test
    void aDoneLineWhoseFieldsComeInAnyOrderFinishesAfterItsContent() {
        String args = "{\"city\":\"Paris\",\"n\":[1,2.5,null]}";
        assertEquals(
                List.of(
                        new StreamEvent.TextDelta("Hi"),
                        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
                        new StreamEvent.ToolCallDelta(0, args),
                        new StreamEvent.ToolCallComplete(0, new ToolCall("call_1", "get_weather", args)),
                        new StreamEvent.UsageReport(
                                Usage.builder().inputTokens(7).outputTokens(3).build()),
                        new StreamEvent.Finish(FinishReason.of(FinishReason.TOOL_CALLS, "stop"))),
                lines("{\"eval_count\":3,\"done\":true,\"extra\":{\"message\":{\"content\":\"no\"}},"
                        + "\"message\":{\"tool_calls\":[{\"function\":{\"arguments\":" + args
                        + ",\"name\":\"get_weather\"},"
                        + "\"id\":\"call_1\"}],\"content\":\"Hi\",\"role\":\"assistant\"},\"prompt_eval_count\":7,"
                        + "\"done_reason\":\"stop\",\"model\":\"llama3.2\"}"));
    }

    @Test
    void argumentsGivenAsTextOrNullAreKeptOrEmptyAndANamelessCallIsMalformed() {
        String id = WholeToolCalls.stableId(0, "f", "{\"a\":1}");
        List<StreamEvent> events =
                lines("{\"message\":{\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}},"
                        + "{\"function\":{\"name\":\"g\",\"arguments\":null}}]},\"done\":true}");

        assertEquals(new StreamEvent.ToolCallStart(0, id, "f"), events.get(0));
        assertEquals(new StreamEvent.ToolCallDelta(1, "{}"), events.get(4));
        assertEquals(
                ErrorKind.MALFORMED_RESPONSE,
                failure("{\"message\":{\"tool_calls\":[{\"function\":{\"arguments\":{}}}]}}")
                        .error()
                        .kind());
    }

    @Test
    void anErrorFieldAnywhereInTheLineFailsWithItsMessage() {
        ProviderFailure failure = failure("{\"model\":\"llama3.2\",\"done\":false,\"error\":\"model runner crashed\"}");

        assertEquals(ErrorKind.UNAVAILABLE, failure.error().kind());
        assertTrue(failure.getMessage().contains("model runner crashed"), failure.getMessage());
    }

    @Test
    void linesThatAreNotOneObjectWithinTheLimitsAreMalformed() {
        assertTrue(failure("[1]").getMessage().contains("not a JSON object"));
        assertTrue(failure("{\"done\":true} {}").getMessage().contains("Ollama's stream line"));
        ProviderFailure deep = failure("{\"x\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}");
        assertTrue(deep.getMessage().contains("nesting depth"), deep.getMessage());
    }

    @Test
    void aBodyIsDecodedAsOneDoneLine() {
        RecordingSink sink = new RecordingSink();
        new OllamaDecoder(sink)
                .decodeBody("{\"message\":{\"content\":\"ok\"},\"done\":\"true\",\"done_reason\":\"length\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertEquals(
                List.of(new StreamEvent.TextDelta("ok"), new StreamEvent.Finish(FinishReason.LENGTH)), sink.events);
    }

    @Test
    void providerOptionsObjectIsSentAsGivenWhenTheRequestSetsNoSamplingAndRefusedWhenNotAnObject() {
        byte[] body = adapter.encode(
                        ChatRequest.builder("a")
                                .user("Hi")
                                .providerOptions("ollama", Map.of("options", Map.of("num_ctx", 4096)))
                                .build(),
                        "llama3.2",
                        false)
                .body();
        ChatRequest conflicting = ChatRequest.builder("a")
                .user("Hi")
                .seed(1)
                .providerOptions("ollama", Map.of("options", "fast"))
                .build();

        assertEquals(
                ProviderJson.tryParse("{\"num_ctx\":4096}"),
                ProviderJson.tryParse(new String(body, StandardCharsets.UTF_8)).get("options"));
        assertThrows(InvalidRequestException.class, () -> adapter.encode(conflicting, "llama3.2", false));
    }

    @Test
    void requestIsWrittenCompactlyInFieldOrder() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.system("Be brief."))
                .user("Hi")
                .maxOutputTokens(5)
                .build();

        assertEquals(
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"}],\"options\":{\"num_predict\":5},\"stream\":true}",
                new String(adapter.encode(request, "llama3.2", true).body(), StandardCharsets.UTF_8));
    }
}
