package dev.llmring.providers.openai;

import static dev.llmring.providers.openai.OpenAiFixtures.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.providers.testsupport.Frames;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tool calls are told apart by id, not only by {@code index} (Ollama's compatible endpoint repeats {@code index: 0},
 * other servers omit it), and a stream is complete only at {@code [DONE]}, or, without it, after both its finish
 * reason and its usage chunk.
 */
class OpenAiStreamEndAndToolIdsTest {

    private static List<ToolCall> calls(List<StreamEvent> events) {
        return events.stream()
                .filter(StreamEvent.ToolCallComplete.class::isInstance)
                .map(e -> ((StreamEvent.ToolCallComplete) e).call())
                .toList();
    }

    @Test
    void parallelCallsThatAllSayIndexZeroStayApart() {
        List<ToolCall> calls = calls(stream("stream-ollama-parallel-tools.sse"));
        assertEquals(
                List.of(
                        new ToolCall("call_9vsm4c2q", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_k1x0n7ud", "get_weather", "{\"city\":\"Tokyo\"}"),
                        new ToolCall("call_q3b8r5za", "get_time", "{\"zone\":\"UTC\"}")),
                calls);
        for (ToolCall c : calls) assertEquals(1, c.arguments().size(), c.argumentsJson());
    }

    @Test
    void callsNumberedInTheOrderTheyStart() {
        List<Integer> starts = stream("stream-ollama-parallel-tools.sse").stream()
                .filter(StreamEvent.ToolCallStart.class::isInstance)
                .map(e -> ((StreamEvent.ToolCallStart) e).index())
                .toList();
        assertEquals(List.of(0, 1, 2), starts);
    }

    @Test
    void callsWithoutIndexAreToldApartByIdAndContinuedWithoutOne() {
        assertEquals(
                List.of(
                        new ToolCall("chatcmpl-tool-a1", "search", "{\"q\":\"cats\"}"),
                        new ToolCall("chatcmpl-tool-b2", "search", "{\"q\":\"dogs\"}")),
                calls(stream("stream-tools-without-index.sse")));
    }

    @Test
    void aStreamCutAfterItsFinishReasonButBeforeTheUsageChunkIsACutStream() {
        RecordingSink sink = new RecordingSink();
        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> Frames.feedSse(OpenAiFixtures.text("stream-cut-before-usage.sse"), OpenAiFixtures.decoder(sink)));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(
                failure.error().message().contains("before the usage chunk"),
                failure.error().message());
        assertTrue(sink.all(StreamEvent.Finish.class).isEmpty(), "no finish: the answer never looks complete");
    }

    @Test
    void aStreamWithItsUsageChunkButNoDoneMarkerIsComplete() {
        List<StreamEvent> events = stream("stream-compat-no-done.sse");
        assertTrue(events.get(events.size() - 1) instanceof StreamEvent.Finish);
    }

    @Test
    void aDoneMarkerCompletesAStreamEvenWithoutUsage() {
        String text = OpenAiFixtures.text("stream-cut-before-usage.sse") + "data: [DONE]\n\n";
        RecordingSink sink = new RecordingSink();
        Frames.feedSse(text, OpenAiFixtures.decoder(sink));
        assertEquals(1, sink.all(StreamEvent.Finish.class).size());
    }
}
