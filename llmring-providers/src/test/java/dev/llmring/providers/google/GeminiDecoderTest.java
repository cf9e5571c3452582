package dev.llmring.providers.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiDecoderTest {

    private static RecordingSink stream(String fixture) {
        RecordingSink sink = new RecordingSink();
        Frames.feedSse(TestResources.read("google", fixture), new GeminiDecoder(sink));
        return sink;
    }

    private static RecordingSink body(String fixture) {
        RecordingSink sink = new RecordingSink();
        new GeminiDecoder(sink).decodeBody(TestResources.read("google", fixture).getBytes(StandardCharsets.UTF_8));
        return sink;
    }

    private static FinishReason finish(RecordingSink sink) {
        return assertInstanceOf(StreamEvent.Finish.class, sink.last()).reason();
    }

    @Test
    void streamedTextArrivesAsDeltasThenUsageThenFinish() {
        RecordingSink sink = stream("stream-text.sse");

        assertEquals(
                List.of(
                        new StreamEvent.TextDelta("The capital"),
                        new StreamEvent.TextDelta(" of France is Paris"),
                        new StreamEvent.TextDelta(".\n"),
                        new StreamEvent.UsageReport(
                                Usage.builder().inputTokens(9).outputTokens(8).build()),
                        new StreamEvent.Finish(FinishReason.of(FinishReason.STOP, "STOP"))),
                sink.events);
    }

    @Test
    void nonStreamedBodyYieldsTheSameAnswerAsTheStream() {
        RecordingSink streamed = stream("stream-text.sse");
        RecordingSink whole = body("generate-text.json");

        assertEquals(List.of(new StreamEvent.TextDelta(streamed.text())), whole.all(StreamEvent.TextDelta.class));
        assertEquals(streamed.events.subList(3, 5), whole.events.subList(1, 3));
        assertEquals(streamed.requestIds, whole.requestIds);
    }

    @Test
    void responseIdIsReportedOnceAsTheRequestId() {
        assertEquals(List.of("mG5MaJ2dL6-Wz7IPsqy9gQ4"), stream("stream-text.sse").requestIds);
    }

    @Test
    void finishReasonKeepsGeminisRawString() {
        FinishReason reason = finish(stream("stream-text.sse"));

        assertTrue(reason.is(FinishReason.STOP));
        assertEquals("STOP", reason.raw());
    }

    @Test
    void thoughtPartsBecomeReasoningNotText() {
        RecordingSink sink = stream("stream-thinking.sse");

        assertEquals(
                List.of(new StreamEvent.ReasoningDelta(
                        "**Recalling the capital**\n\nThe user asks for the capital of France. ")),
                sink.all(StreamEvent.ReasoningDelta.class));
        assertEquals("Paris is the capital of France.", sink.text());
    }

    @Test
    void thoughtsCountAsOutputAndReasoningAndCachedContentAsCachedInput() {
        Usage usage = stream("stream-thinking.sse")
                .all(StreamEvent.UsageReport.class)
                .get(0)
                .usage();

        assertEquals(
                Usage.builder()
                        .inputTokens(2057)
                        .cachedInputTokens(2048)
                        .outputTokens(7 + 51)
                        .reasoningTokens(51)
                        .build(),
                usage);
    }

    @Test
    void usageIsReportedOnceWithTheLastCounts() {
        assertEquals(
                1,
                stream("stream-thinking.sse").all(StreamEvent.UsageReport.class).size());
    }

    @Test
    void wholeFunctionCallsBecomeStartDeltaAndCompleteEach() {
        RecordingSink sink = stream("stream-function-calls.sse");
        String paris = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        String london = "{\"city\":\"London\",\"unit\":\"celsius\"}";
        String id0 = WholeToolCalls.stableId(0, "get_weather", paris);
        String id1 = WholeToolCalls.stableId(1, "get_weather", london);

        assertEquals(
                List.of(
                        new StreamEvent.ToolCallStart(0, id0, "get_weather"),
                        new StreamEvent.ToolCallDelta(0, paris),
                        new StreamEvent.ToolCallComplete(0, new ToolCall(id0, "get_weather", paris)),
                        new StreamEvent.ToolCallStart(1, id1, "get_weather"),
                        new StreamEvent.ToolCallDelta(1, london),
                        new StreamEvent.ToolCallComplete(1, new ToolCall(id1, "get_weather", london))),
                sink.events.stream()
                        .filter(e -> !(e instanceof StreamEvent.ReasoningComplete))
                        .toList()
                        .subList(0, 6));
    }

    @Test
    void partsOtherThanTextThoughtsAndCallsAreKeptRawWithTheTextBeforeThem() {
        String image = "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"},"
                + "\"thoughtSignature\":\"c2lnbmF0dXJl\"}";
        String answer = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"text\":\"Here is \"},{\"text\":\"the picture.\"}," + image + ","
                + "{\"fileData\":{\"mimeType\":\"application/pdf\",\"fileUri\":\"https://example.test/f\"}},"
                + "{\"text\":\"Done.\"}]},\"finishReason\":\"STOP\"}]}";
        RecordingSink sink = new RecordingSink();
        new GeminiDecoder(sink).decodeBody(answer.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of(
                        ReasoningPart.raw("google", "{\"text\":\"Here is the picture.\"}"),
                        ReasoningPart.raw("google", image),
                        ReasoningPart.raw(
                                "google",
                                "{\"fileData\":{\"mimeType\":\"application/pdf\","
                                        + "\"fileUri\":\"https://example.test/f\"}}")),
                sink.all(StreamEvent.ReasoningComplete.class).stream()
                        .map(StreamEvent.ReasoningComplete::part)
                        .toList());
        assertEquals(
                "Here is the picture.Done.",
                sink.all(StreamEvent.TextDelta.class).stream()
                        .map(StreamEvent.TextDelta::text)
                        .reduce("", String::concat));
    }

    @Test
    void thoughtSignatureOfAFunctionCallIsKeptWithTheCallsId() {
        String paris = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        ReasoningPart signature = ReasoningPart.toolCallSignature(
                "google",
                WholeToolCalls.stableId(0, "get_weather", paris),
                "CiQBVKhc7xJ0Wq0+test+signature+not+real==");
        for (RecordingSink sink : List.of(stream("stream-function-calls.sse"), body("generate-function-calls.json"))) {
            assertEquals(
                    List.of(new StreamEvent.ReasoningComplete(signature)),
                    sink.all(StreamEvent.ReasoningComplete.class));
        }
    }

    @Test
    void synthesisedToolCallIdsAreStableAndDistinct() {
        List<StreamEvent.ToolCallStart> first =
                stream("stream-function-calls.sse").all(StreamEvent.ToolCallStart.class);
        List<StreamEvent.ToolCallStart> again =
                body("generate-function-calls.json").all(StreamEvent.ToolCallStart.class);

        assertEquals(first, again);
        assertTrue(!first.get(0).id().equals(first.get(1).id()));
        assertTrue(first.get(0).id().matches("call_[0-9a-f]{24}"));
    }

    @Test
    void toolCallIdSentByGeminiIsKept() {
        RecordingSink sink = new RecordingSink();
        GeminiDecoder decoder = new GeminiDecoder(sink);
        decoder.onFrame(
                null,
                "{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"id\": \"fc-7\","
                        + "\"name\": \"lookup\",\"args\": {}}}],\"role\": \"model\"},\"finishReason\": \"STOP\"}]}");
        decoder.onEnd();

        assertEquals("fc-7", sink.all(StreamEvent.ToolCallStart.class).get(0).id());
    }

    @Test
    void stopWithFunctionCallsFinishesAsToolCalls() {
        FinishReason reason = finish(stream("stream-function-calls.sse"));

        assertTrue(reason.is(FinishReason.TOOL_CALLS));
        assertEquals("STOP", reason.raw());
    }

    @Test
    void maxTokensFinishesAsLength() {
        FinishReason reason = finish(stream("stream-max-tokens.sse"));

        assertEquals(FinishReason.of(FinishReason.LENGTH, "MAX_TOKENS"), reason);
    }

    @Test
    void safetyStopFinishesAsContentFilter() {
        assertEquals(FinishReason.of(FinishReason.CONTENT_FILTER, "SAFETY"), finish(stream("stream-safety.sse")));
    }

    @Test
    void everySafetyLikeReasonIsAContentFilter() {
        for (String raw : List.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII")) {
            assertTrue(GeminiDecoder.finishReason(raw, false).is(FinishReason.CONTENT_FILTER), raw);
        }
    }

    @Test
    void unknownFinishReasonSurvivesAsOther() {
        FinishReason reason = GeminiDecoder.finishReason("MALFORMED_FUNCTION_CALL", true);

        assertTrue(reason.is(FinishReason.OTHER));
        assertEquals("MALFORMED_FUNCTION_CALL", reason.raw());
    }

    @Test
    void blockedPromptWithoutCandidatesFinishesAsContentFilter() {
        RecordingSink sink = stream("stream-prompt-blocked.sse");

        assertEquals(FinishReason.of(FinishReason.CONTENT_FILTER, "PROHIBITED_CONTENT"), finish(sink));
        assertEquals("", sink.text());
    }

    @Test
    void streamCutBeforeAFinishReasonFails() {
        RecordingSink sink = new RecordingSink();
        GeminiDecoder decoder = new GeminiDecoder(sink);
        Frames.sseData(TestResources.read("google", "stream-cut.sse")).forEach(data -> decoder.onFrame(null, data));

        ProviderFailure failure = assertThrows(ProviderFailure.class, decoder::onEnd);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(sink.all(StreamEvent.Finish.class).isEmpty());
    }

    @Test
    void errorChunkMidStreamFailsWithItsKind() {
        RecordingSink sink = new RecordingSink();
        GeminiDecoder decoder = new GeminiDecoder(sink);
        List<String> frames = Frames.sseData(TestResources.read("google", "stream-midstream-error.sse"));
        decoder.onFrame(null, frames.get(0));

        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> decoder.onFrame(null, frames.get(1)));
        assertEquals(ErrorKind.UNAVAILABLE, failure.error().kind());
        assertEquals("INTERNAL", failure.error().providerCode().orElseThrow());
    }

    @Test
    void errorArrayAsBodyFailsWithRetryDelay() {
        byte[] body =
                TestResources.read("google", "error-stream-array-429.json").getBytes(StandardCharsets.UTF_8);

        ProviderFailure failure =
                assertThrows(ProviderFailure.class, () -> new GeminiDecoder(new RecordingSink()).decodeBody(body));
        assertEquals(ErrorKind.RATE_LIMITED, failure.error().kind());
        assertEquals(Duration.ofMillis(1500), failure.error().retryAfter().orElseThrow());
    }

    @Test
    void malformedFrameFailsAsMalformedResponse() {
        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> new GeminiDecoder(new RecordingSink())
                .onFrame(null, "{\"candidates\": [{\"content\""));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    @Test
    void bodyWithoutFinishReasonFails() {
        byte[] body = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}],\"role\": \"model\"}}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(ProviderFailure.class, () -> new GeminiDecoder(new RecordingSink()).decodeBody(body));
    }

    private static RecordingSink frame(String data) {
        RecordingSink sink = new RecordingSink();
        GeminiDecoder decoder = new GeminiDecoder(sink);
        decoder.onFrame(null, data);
        decoder.onEnd();
        return sink;
    }

    private static List<ReasoningPart> rawParts(RecordingSink sink) {
        return sink.all(StreamEvent.ReasoningComplete.class).stream()
                .map(StreamEvent.ReasoningComplete::part)
                .toList();
    }

    @Test
    void fieldsInAnyOrderDecodeAlike() {
        String usageFirst = "{\"responseId\": \"r-1\", \"usageMetadata\": {\"candidatesTokenCount\": 3,"
                + " \"promptTokenCount\": 5}, \"modelVersion\": \"gemini-x\", \"candidates\": [{\"finishReason\":"
                + " \"STOP\", \"content\": {\"parts\": [{\"text\": \"Hi\"}], \"role\": \"model\"}}]}";
        String usageLast = "{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"Hi\"}]},"
                + " \"finishReason\": \"STOP\"}], \"modelVersion\": \"gemini-x\", \"usageMetadata\":"
                + " {\"promptTokenCount\": 5, \"candidatesTokenCount\": 3}, \"responseId\": \"r-1\"}";

        RecordingSink first = frame(usageFirst);
        assertEquals(
                List.of(
                        new StreamEvent.TextDelta("Hi"),
                        new StreamEvent.UsageReport(
                                Usage.builder().inputTokens(5).outputTokens(3).build()),
                        new StreamEvent.Finish(FinishReason.of(FinishReason.STOP, "STOP"))),
                first.events);
        assertEquals(List.of("r-1"), first.requestIds);
        assertEquals(first.events, frame(usageLast).events);
    }

    @Test
    void nestedUnknownFieldsAreSkippedWhateverTheyHold() {
        String decoy =
                "{\"text\": \"no\", \"candidates\": [{\"finishReason\": \"SAFETY\"}], \"parts\": [{\"text\": \"no\"}]}";
        RecordingSink sink = frame("{\"sdkHttpResponse\": " + decoy + ", \"candidates\": [{\"safetyRatings\": [" + decoy
                + ", [[" + decoy + "]]], \"content\": {\"parts\": [{\"text\": \"yes\", \"partMetadata\": " + decoy
                + "}], \"x\": " + decoy + "}, \"finishReason\": \"STOP\", \"citationMetadata\": " + decoy
                + "}, {\"content\": {\"parts\": [{\"text\": \"second candidate\"}]}}], \"promptFeedback\": " + decoy
                + "}");

        assertEquals("yes", sink.text());
        assertEquals(FinishReason.of(FinishReason.STOP, "STOP"), finish(sink));
        assertTrue(rawParts(sink).isEmpty());
    }

    @Test
    void aRepeatedFieldCountsWithItsLastValueAsInATree() {
        RecordingSink sink = frame("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"first\"}]},"
                + " \"finishReason\": \"SAFETY\", \"content\": {\"parts\": [{\"text\": \"a\", \"text\": \"b\"}]},"
                + " \"finishReason\": \"STOP\"}], \"usageMetadata\": {\"promptTokenCount\": 1},"
                + " \"usageMetadata\": {\"promptTokenCount\": 2, \"promptTokenCount\": 4}}");

        assertEquals(List.of(new StreamEvent.TextDelta("b")), sink.all(StreamEvent.TextDelta.class));
        assertEquals(4, sink.all(StreamEvent.UsageReport.class).get(0).usage().inputTokens());
        assertEquals(FinishReason.of(FinishReason.STOP, "STOP"), finish(sink));
    }

    @Test
    void verbatimJsonIsCompactAndARepeatedKeyInItKeepsItsFirstPlaceAndLastValue() {
        String call = "{\"name\": \"f\", \"args\": {\"city\": \"Paris\", \"unit\": \"c\", \"city\": \"Rome\"}}";
        RecordingSink sink = frame("{\"candidates\": [{\"content\": {\"parts\": [{\"executableCode\": {\"code\" :"
                + " \"print(1)\\u0021\", \"language\": \"PYTHON\", \"code\": \"print(2)\"}, \"n\": 1.50},"
                + " {\"functionCall\": " + call + "}]}, \"finishReason\": \"STOP\"}]}");

        assertEquals(
                List.of(ReasoningPart.raw(
                        "google", "{\"executableCode\":{\"code\":\"print(2)\",\"language\":\"PYTHON\"},\"n\":1.5}")),
                rawParts(sink));
        assertEquals(
                "{\"city\":\"Rome\",\"unit\":\"c\"}",
                sink.all(StreamEvent.ToolCallComplete.class).get(0).call().argumentsJson());
    }

    @Test
    void scalarsAreReadAsLenientlyAsATreeReadThem() {
        RecordingSink sink = frame("{\"responseId\": 42, \"candidates\": [{\"content\": {\"parts\": [{\"text\": 7,"
                + " \"thought\": \"true\"}, {\"text\": \"answer\", \"thought\": 0}]}, \"finishReason\": \"STOP\"}],"
                + " \"usageMetadata\": {\"promptTokenCount\": \"12\", \"candidatesTokenCount\": 3.9,"
                + " \"thoughtsTokenCount\": true, \"cachedContentTokenCount\": \"x\"}}");

        assertEquals(List.of("42"), sink.requestIds);
        assertEquals(List.of(new StreamEvent.ReasoningDelta("7")), sink.all(StreamEvent.ReasoningDelta.class));
        assertEquals("answer", sink.text());
        assertEquals(
                Usage.builder()
                        .inputTokens(12)
                        .outputTokens(4)
                        .reasoningTokens(1)
                        .build(),
                sink.all(StreamEvent.UsageReport.class).get(0).usage());
    }

    @Test
    void aMalformedFrameEmitsNothingEvenAfterGoodParts() {
        RecordingSink sink = new RecordingSink();
        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> new GeminiDecoder(sink)
                .onFrame(
                        null,
                        "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]}}],"
                                + " \"unknown\": {\"a\": }}"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(failure.error().message().startsWith("Gemini's stream frame is not valid JSON: "));
        assertTrue(sink.events.isEmpty());
    }

    @Test
    void aValueAfterTheChunkIsMalformed() {
        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> new GeminiDecoder(new RecordingSink())
                .onFrame(null, "{\"candidates\": []} {}"));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(
                failure.error().message().contains("Trailing token"),
                failure.error().message());
    }

    @Test
    void rawPartsAreFoundInLongFramesAndInBodiesWithAByteOrderMarkOrInUtf16() {
        String image = "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + "A".repeat(40_000) + "\"}}";
        String answer = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"é\"}, " + image
                + "]}, \"finishReason\": \"STOP\"}]}";
        List<ReasoningPart> expected =
                List.of(ReasoningPart.raw("google", "{\"text\":\"é\"}"), ReasoningPart.raw("google", image));

        assertEquals(expected, rawParts(frame(answer)));
        for (byte[] body : List.of(
                ("\uFEFF" + answer).getBytes(StandardCharsets.UTF_8),
                ("\uFEFF" + answer).getBytes(StandardCharsets.UTF_16BE),
                answer.getBytes(StandardCharsets.UTF_16LE))) {
            RecordingSink sink = new RecordingSink();
            new GeminiDecoder(sink).decodeBody(body);
            assertEquals(expected, rawParts(sink));
        }
    }

    @Test
    void anArrayOfChunksAsABodyIsDecodedChunkByChunk() {
        RecordingSink sink = new RecordingSink();
        new GeminiDecoder(sink)
                .decodeBody(("[{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}}]},"
                                + " {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"b\"}]},"
                                + " \"finishReason\": \"STOP\"}]}]")
                        .getBytes(StandardCharsets.UTF_8));

        assertEquals("ab", sink.text());
        assertEquals(FinishReason.of(FinishReason.STOP, "STOP"), finish(sink));
    }
}
