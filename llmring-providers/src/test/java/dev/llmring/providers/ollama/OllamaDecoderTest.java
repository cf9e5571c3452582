package dev.llmring.providers.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.internal.WholeToolCalls;
import dev.llmring.providers.testsupport.Frames;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaDecoderTest {

    private static RecordingSink stream(String fixture) {
        RecordingSink sink = new RecordingSink();
        Frames.feedNdjson(TestResources.read("ollama", fixture), new OllamaDecoder(sink));
        return sink;
    }

    private static RecordingSink body(String fixture) {
        RecordingSink sink = new RecordingSink();
        new OllamaDecoder(sink).decodeBody(TestResources.read("ollama", fixture).getBytes(StandardCharsets.UTF_8));
        return sink;
    }

    private static FinishReason finish(RecordingSink sink) {
        return assertInstanceOf(StreamEvent.Finish.class, sink.last()).reason();
    }

    @Test
    void streamedContentArrivesAsDeltasThenUsageThenFinish() {
        assertEquals(
                List.of(
                        new StreamEvent.TextDelta("The"),
                        new StreamEvent.TextDelta(" capital"),
                        new StreamEvent.TextDelta(" of France is Paris."),
                        new StreamEvent.UsageReport(
                                Usage.builder().inputTokens(31).outputTokens(8).build()),
                        new StreamEvent.Finish(FinishReason.STOP)),
                stream("stream-text.ndjson").events);
    }

    @Test
    void nonStreamedBodyYieldsTheSameAnswerAsTheStream() {
        RecordingSink streamed = stream("stream-text.ndjson");
        RecordingSink whole = body("chat-text.json");

        assertEquals(List.of(new StreamEvent.TextDelta(streamed.text())), whole.all(StreamEvent.TextDelta.class));
        assertEquals(streamed.events.subList(3, 5), whole.events.subList(1, 3));
    }

    @Test
    void wholeToolCallsBecomeStartDeltaAndCompleteWithArgumentsAsJsonText() {
        RecordingSink sink = stream("stream-tool-calls.ndjson");
        String paris = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        String id0 = WholeToolCalls.stableId(0, "get_weather", paris);

        assertEquals(
                List.of(
                        new StreamEvent.ToolCallStart(0, id0, "get_weather"),
                        new StreamEvent.ToolCallDelta(0, paris),
                        new StreamEvent.ToolCallComplete(0, new ToolCall(id0, "get_weather", paris))),
                sink.events.subList(0, 3));
        assertEquals(2, sink.all(StreamEvent.ToolCallComplete.class).size());
    }

    @Test
    void synthesisedIdsAreDistinctPerCall() {
        List<StreamEvent.ToolCallStart> starts =
                stream("stream-tool-calls.ndjson").all(StreamEvent.ToolCallStart.class);

        assertTrue(!starts.get(0).id().equals(starts.get(1).id()));
    }

    @Test
    void toolCallIdSentByOllamaIsKept() {
        assertEquals(
                "call_k2x9m1qa",
                body("chat-tool-calls-with-ids.json")
                        .all(StreamEvent.ToolCallStart.class)
                        .get(0)
                        .id());
    }

    @Test
    void stopAfterToolCallsFinishesAsToolCalls() {
        FinishReason reason = finish(stream("stream-tool-calls.ndjson"));

        assertTrue(reason.is(FinishReason.TOOL_CALLS));
        assertEquals("stop", reason.raw());
    }

    @Test
    void thinkingBecomesReasoningNotText() {
        RecordingSink sink = stream("stream-thinking.ndjson");

        assertEquals(
                List.of(
                        new StreamEvent.ReasoningDelta("The user wants"),
                        new StreamEvent.ReasoningDelta(" the capital of France.")),
                sink.all(StreamEvent.ReasoningDelta.class));
        assertEquals("Paris.", sink.text());
    }

    @Test
    void lengthFinishesAsLength() {
        assertEquals(FinishReason.LENGTH, finish(stream("stream-length.ndjson")));
    }

    @Test
    void unknownDoneReasonSurvivesAsOther() {
        FinishReason reason = OllamaDecoder.finishReason("unload", false);

        assertTrue(reason.is(FinishReason.OTHER));
        assertEquals("unload", reason.raw());
    }

    @Test
    void streamCutBeforeDoneFails() {
        RecordingSink sink = new RecordingSink();
        OllamaDecoder decoder = new OllamaDecoder(sink);
        Frames.ndjson(TestResources.read("ollama", "stream-cut.ndjson")).forEach(line -> decoder.onFrame(null, line));

        ProviderFailure failure = assertThrows(ProviderFailure.class, decoder::onEnd);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(sink.all(StreamEvent.Finish.class).isEmpty());
    }

    @Test
    void errorLineMidStreamFails() {
        OllamaDecoder decoder = new OllamaDecoder(new RecordingSink());
        List<String> lines = Frames.ndjson(TestResources.read("ollama", "stream-error-line.ndjson"));
        decoder.onFrame(null, lines.get(0));

        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> decoder.onFrame(null, lines.get(1)));
        assertEquals(ErrorKind.UNAVAILABLE, failure.error().kind());
        assertTrue(failure.getMessage().contains("unexpected EOF"), failure.getMessage());
    }

    @Test
    void modelNotFoundErrorLineIsModelNotFound() {
        OllamaDecoder decoder = new OllamaDecoder(new RecordingSink());

        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> decoder.onFrame(
                        null,
                        TestResources.read("ollama", "error-404-model.json").trim()));
        assertEquals(ErrorKind.MODEL_NOT_FOUND, failure.error().kind());
    }

    @Test
    void bodyWithoutDoneFails() {
        byte[] body = Frames.ndjson(TestResources.read("ollama", "stream-cut.ndjson"))
                .get(0)
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(ProviderFailure.class, () -> new OllamaDecoder(new RecordingSink()).decodeBody(body));
    }

    @Test
    void malformedLineFailsAsMalformedResponse() {
        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> new OllamaDecoder(new RecordingSink())
                .onFrame(null, "{\"model\":\"llama3.2\",\"mess"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }
}
