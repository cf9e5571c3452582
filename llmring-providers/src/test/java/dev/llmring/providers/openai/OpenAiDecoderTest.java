package dev.llmring.providers.openai;

import static dev.llmring.providers.openai.OpenAiFixtures.body;
import static dev.llmring.providers.openai.OpenAiFixtures.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.StreamEvent.Finish;
import dev.llmring.StreamEvent.ReasoningDelta;
import dev.llmring.StreamEvent.TextDelta;
import dev.llmring.StreamEvent.ToolCallComplete;
import dev.llmring.StreamEvent.ToolCallDelta;
import dev.llmring.StreamEvent.ToolCallStart;
import dev.llmring.StreamEvent.UsageReport;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.testsupport.Frames;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiDecoderTest {

    private static Usage usage(long in, long out, long cached, long reasoning) {
        return Usage.builder()
                .inputTokens(in)
                .outputTokens(out)
                .cachedInputTokens(cached)
                .reasoningTokens(reasoning)
                .build();
    }

    private static String chunk(String choices) {
        return "{\"id\":\"chatcmpl-BdQ0aB1cD2eF3gH4iJ5kL6mN7oP8q\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1748501800,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_07871e2ad8\","
                + "\"choices\":" + choices + ",\"usage\":null}";
    }

    private static ProviderFailure failureFeeding(String... frames) {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        return assertThrows(ProviderFailure.class, () -> {
            for (String frame : frames) decoder.onFrame(null, frame);
            decoder.onEnd();
        });
    }

    // ---- non-streamed bodies

    @Test
    void decodesTextAnswerWithCachedPromptTokens() {
        assertEquals(
                List.of(
                        new TextDelta("The capital of France is Paris."),
                        new UsageReport(usage(2006, 300, 1920, 0)),
                        new Finish(FinishReason.STOP)),
                body("response-text.json"));
    }

    @Test
    void decodesReasoningTokensOfReasoningModels() {
        assertEquals(
                new UsageReport(usage(31, 459, 0, 448)),
                body("response-reasoning.json").get(1));
    }

    @Test
    void decodesParallelToolCallsOfAMessageAsCompleteCalls() {
        assertEquals(
                List.of(
                        new ToolCallStart(0, "call_qOfTGgDrItLORNfC6VwUbyLL", "get_weather"),
                        new ToolCallDelta(0, "{\"location\":\"Shanghai\"}"),
                        new ToolCallStart(1, "call_Xk3mW9pZr1TnB7vQ2sLd8eHf", "get_time"),
                        new ToolCallDelta(1, "{\"timezone\":\"Asia/Shanghai\"}"),
                        new ToolCallComplete(
                                0,
                                new ToolCall(
                                        "call_qOfTGgDrItLORNfC6VwUbyLL", "get_weather", "{\"location\":\"Shanghai\"}")),
                        new ToolCallComplete(
                                1,
                                new ToolCall(
                                        "call_Xk3mW9pZr1TnB7vQ2sLd8eHf",
                                        "get_time",
                                        "{\"timezone\":\"Asia/Shanghai\"}")),
                        new UsageReport(usage(91, 46, 0, 0)),
                        new Finish(FinishReason.TOOL_CALLS)),
                body("response-tool-calls.json"));
    }

    @Test
    void surfacesRefusalAsTextWithRefusalFinishKeepingRawReason() {
        List<StreamEvent> events = body("response-refusal.json");

        assertEquals(new TextDelta("I'm sorry, I cannot assist with that request."), events.get(0));
        assertEquals(new Finish(FinishReason.of(FinishReason.REFUSAL, "stop")), events.get(events.size() - 1));
    }

    @Test
    void bodyHoldingAnErrorObjectIsAClassifiedFailure() {
        RecordingSink sink = new RecordingSink();
        byte[] body = OpenAiFixtures.text("error-500.json").getBytes(StandardCharsets.UTF_8);

        ProviderFailure failure = assertThrows(
                ProviderFailure.class, () -> OpenAiFixtures.decoder(sink).decodeBody(body));
        assertEquals(ErrorKind.UNAVAILABLE, failure.error().kind());
        assertEquals("server_error", failure.error().providerCode().orElseThrow());
    }

    @Test
    void bodyWithoutChoicesIsMalformed() {
        byte[] body = "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"choices\":[]}"
                .getBytes(StandardCharsets.UTF_8);

        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> OpenAiFixtures.decoder(new RecordingSink())
                .decodeBody(body));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    @Test
    void bodyThatIsNotJsonIsMalformed() {
        byte[] body = "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8);

        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> OpenAiFixtures.decoder(new RecordingSink())
                .decodeBody(body));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    // ---- streams

    @Test
    void streamsTextDeltasThenUsageThenFinish() {
        assertEquals(
                List.of(
                        new TextDelta("Hello"),
                        new TextDelta("!"),
                        new TextDelta(" How can I help?"),
                        new UsageReport(usage(1536, 9, 1024, 0)),
                        new Finish(FinishReason.STOP)),
                stream("stream-text.sse"));
    }

    @Test
    void streamsInterleavedParallelToolCallsKeyedByIndex() {
        assertEquals(
                List.of(
                        new ToolCallStart(0, "call_Hq1bX8mLk2Vr9Tz4Pw7Nd3Ys", "get_weather"),
                        new ToolCallDelta(0, "{\"lo"),
                        new ToolCallStart(1, "call_Jd5cY2nMa7Wq3Ux8Qe1Rf6Zt", "get_time"),
                        new ToolCallDelta(0, "cation\": \"Pa"),
                        new ToolCallDelta(1, "{\"timezone\""),
                        new ToolCallDelta(0, "ris\"}"),
                        new ToolCallDelta(1, ": \"Europe/Paris\"}"),
                        new ToolCallComplete(
                                0,
                                new ToolCall(
                                        "call_Hq1bX8mLk2Vr9Tz4Pw7Nd3Ys", "get_weather", "{\"location\": \"Paris\"}")),
                        new ToolCallComplete(
                                1,
                                new ToolCall(
                                        "call_Jd5cY2nMa7Wq3Ux8Qe1Rf6Zt",
                                        "get_time",
                                        "{\"timezone\": \"Europe/Paris\"}")),
                        new UsageReport(usage(88, 47, 0, 0)),
                        new Finish(FinishReason.TOOL_CALLS)),
                stream("stream-parallel-tools.sse"));
    }

    @Test
    void streamedRefusalBecomesTextWithRefusalFinish() {
        List<StreamEvent> events = stream("stream-refusal.sse");

        assertEquals(new TextDelta("I'm sorry, "), events.get(0));
        assertEquals(new TextDelta("I cannot assist with that request."), events.get(1));
        assertEquals(new Finish(FinishReason.of(FinishReason.REFUSAL, "stop")), events.get(events.size() - 1));
    }

    @Test
    void streamCutOffByTheLengthLimitFinishesWithLength() {
        List<StreamEvent> events = stream("stream-length.sse");

        assertEquals(new Finish(FinishReason.LENGTH), events.get(events.size() - 1));
    }

    @ParameterizedTest
    @CsvSource({
        "stop, stop, stop",
        "length, length, length",
        "tool_calls, tool_calls, tool_calls",
        "function_call, tool_calls, function_call",
        "content_filter, content_filter, content_filter",
        "eos_token, other, eos_token"
    })
    void mapsFinishReasonsKeepingTheRawString(String wire, String kind, String raw) {
        FinishReason reason = OpenAiDecoder.mapFinish(wire);

        assertEquals(kind, reason.kind());
        assertEquals(raw, reason.raw());
    }

    @Test
    void streamEndingBeforeAnyFinishReasonOrDoneIsACutStream() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        for (Frames.Sse frame : Frames.sse(OpenAiFixtures.text("stream-cut.sse"))) {
            decoder.onFrame(frame.event(), frame.data());
        }

        ProviderFailure failure = assertThrows(ProviderFailure.class, decoder::onEnd);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertEquals(List.of(new TextDelta("The first")), sink.events);
    }

    @Test
    void streamWithFinishReasonButNoDoneMarkerIsAccepted() {
        assertEquals(
                List.of(new TextDelta("Hi there."), new UsageReport(usage(17, 4, 0, 0)), new Finish(FinishReason.STOP)),
                stream("stream-compat-no-done.sse"));
    }

    @Test
    void doneMarkerWithoutAnyFinishReasonFinishesAsOtherNone() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        decoder.onFrame(null, chunk("[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]"));
        decoder.onFrame(null, "[DONE]");
        decoder.onEnd();

        assertEquals(List.of(new TextDelta("Hi"), new Finish(FinishReason.other("none"))), sink.events);
    }

    @Test
    void errorFrameMidStreamIsAClassifiedFailure() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        List<Frames.Sse> frames = Frames.sse(OpenAiFixtures.text("stream-error.sse"));
        decoder.onFrame(frames.get(0).event(), frames.get(0).data());
        decoder.onFrame(frames.get(1).event(), frames.get(1).data());

        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> decoder.onFrame(frames.get(2).event(), frames.get(2).data()));
        assertEquals(ErrorKind.UNAVAILABLE, failure.error().kind());
        assertTrue(
                failure.error().message().contains("The server had an error"),
                failure.error().message());
    }

    @Test
    void rateLimitErrorFrameIsRateLimited() {
        ProviderFailure failure = failureFeeding(
                chunk("[]"),
                "{\"error\":{\"message\":\"Rate limit reached. Please try again in 20ms.\",\"type\":\"requests\","
                        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");

        assertEquals(ErrorKind.RATE_LIMITED, failure.error().kind());
        assertEquals(Duration.ofMillis(20), failure.error().retryAfter().orElseThrow());
    }

    @Test
    void malformedJsonFrameIsAMalformedFailure() {
        ProviderFailure failure = failureFeeding(chunk("[]"), "{\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":");

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    @Test
    void framesAfterDoneAreIgnored() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        decoder.onFrame(null, chunk("[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]"));
        decoder.onFrame(null, "[DONE]");
        decoder.onFrame(null, chunk("[{\"index\":0,\"delta\":{\"content\":\"late\"},\"finish_reason\":null}]"));
        decoder.onEnd();

        assertEquals(List.of(new TextDelta("Hi"), new Finish(FinishReason.STOP)), sink.events);
    }

    @Test
    void toolCallWhoseNameArrivesLateStartsWithTheArgumentsBuffered() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        decoder.onFrame(
                null,
                chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                        + "\"function\":{\"arguments\":\"{\\\"q\\\":\"}}]},\"finish_reason\":null}]"));
        decoder.onFrame(
                null,
                chunk(
                        "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                                + "\"function\":{\"name\":\"search\",\"arguments\":\"1}\"}}]},\"finish_reason\":\"tool_calls\"}]"));
        decoder.onFrame(null, "[DONE]");

        assertEquals(
                List.of(
                        new ToolCallStart(0, "call_1", "search"),
                        new ToolCallDelta(0, "{\"q\":1}"),
                        new ToolCallComplete(0, new ToolCall("call_1", "search", "{\"q\":1}")),
                        new Finish(FinishReason.TOOL_CALLS)),
                sink.events);
    }

    @Test
    void toolCallThatNeverGetsANameIsMalformed() {
        ProviderFailure failure =
                failureFeeding(chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                        + "\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    @Test
    void reasoningContentOfCompatibleServersBecomesReasoningDeltas() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        decoder.onFrame(
                null, chunk("[{\"index\":0,\"delta\":{\"reasoning_content\":\"Think.\"},\"finish_reason\":null}]"));
        decoder.onFrame(null, chunk("[{\"index\":0,\"delta\":{\"content\":\"42\"},\"finish_reason\":\"stop\"}]"));
        decoder.onFrame(null, "[DONE]");

        assertEquals(
                List.of(new ReasoningDelta("Think."), new TextDelta("42"), new Finish(FinishReason.STOP)), sink.events);
    }

    @Test
    void groqUsageUnderXGroqIsReported() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        decoder.onFrame(
                null,
                "{\"id\":\"chatcmpl-0f1e2d3c\",\"object\":\"chat.completion.chunk\",\"created\":1748501900,"
                        + "\"model\":\"llama-3.1-8b-instant\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"x_groq\":{\"id\":\"req_01jx\",\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":12,"
                        + "\"total_tokens\":52}}}");
        decoder.onFrame(null, "[DONE]");

        assertEquals(List.of(new UsageReport(usage(40, 12, 0, 0)), new Finish(FinishReason.STOP)), sink.events);
    }

    @Test
    void choicesOtherThanTheFirstAreIgnored() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        decoder.onFrame(null, chunk("[{\"index\":1,\"delta\":{\"content\":\"B\"},\"finish_reason\":null}]"));
        decoder.onFrame(null, chunk("[{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":\"stop\"}]"));
        decoder.onFrame(null, "[DONE]");

        assertEquals(List.of(new TextDelta("A"), new Finish(FinishReason.STOP)), sink.events);
    }
}
