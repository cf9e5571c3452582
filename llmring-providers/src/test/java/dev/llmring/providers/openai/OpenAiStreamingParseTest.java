package dev.llmring.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.StreamEvent.Finish;
import dev.llmring.StreamEvent.TextDelta;
import dev.llmring.StreamEvent.ToolCallComplete;
import dev.llmring.StreamEvent.ToolCallStart;
import dev.llmring.StreamEvent.UsageReport;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder reads bodies and frames field by field with a streaming parser, not as trees: these pin the rules a
 * tree read gave for free (wire order, unknown and repeated fields, nulls, wrong types, limits, trailing text) and
 * that nothing is emitted from an object that turns out malformed.
 */
class OpenAiStreamingParseTest {

    private static List<StreamEvent> frames(String... frames) {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = OpenAiFixtures.decoder(sink);
        for (String frame : frames) decoder.onFrame(null, frame);
        decoder.onEnd();
        return sink.events;
    }

    private static ProviderFailure frameFailure(RecordingSink sink, String frame) {
        return assertThrows(
                ProviderFailure.class, () -> OpenAiFixtures.decoder(sink).onFrame(null, frame));
    }

    private static ProviderFailure bodyFailure(String body) {
        return assertThrows(ProviderFailure.class, () -> OpenAiFixtures.decoder(new RecordingSink())
                .decodeBody(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static UsageReport usage(long in, long out) {
        return new UsageReport(Usage.builder().inputTokens(in).outputTokens(out).build());
    }

    @Test
    void fieldsInAnyWireOrderAreEmittedInProtocolOrder() {
        assertEquals(
                List.of(new TextDelta("Hi"), usage(3, 2), new Finish(FinishReason.STOP)),
                frames(
                        "{\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":3},\"choices\":[{\"finish_reason\":"
                                + "\"stop\",\"delta\":{\"content\":\"Hi\"},\"index\":0}],\"id\":\"chatcmpl-1\"}",
                        "[DONE]"));
    }

    @Test
    void unknownFieldsOfEveryShapeAreSkippedWithoutReadingLookalikesInside() {
        assertEquals(
                List.of(new TextDelta("yes"), new Finish(FinishReason.STOP)),
                frames(
                        "{\"extra\":{\"content\":\"no\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"no\"}}]},"
                                + "\"choices\":[{\"index\":0,\"logprobs\":{\"content\":[{\"token\":\"no\"}]},"
                                + "\"delta\":{\"extra\":[{\"content\":\"no\"}],\"content\":\"yes\",\"n\":[1,2.5,true]},"
                                + "\"finish_reason\":\"stop\"}],\"x_other\":[[[]]],\"usage\":null}",
                        "[DONE]"));
    }

    @Test
    void nullsAndValuesOfTheWrongTypeCountAsAbsent() {
        assertEquals(
                List.of(new Finish(FinishReason.STOP)),
                frames(
                        "{\"id\":null,\"model\":7,\"choices\":null,\"usage\":null}",
                        "{\"choices\":[{\"index\":0,\"delta\":null,\"finish_reason\":null}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"tool_calls\":null,\"refusal\":5,"
                                + "\"reasoning\":{}},\"finish_reason\":\"stop\"}]}",
                        "[DONE]"));
    }

    @Test
    void aRepeatedFieldsLastOccurrenceWinsAsInATree() {
        assertEquals(
                List.of(new TextDelta("b"), new Finish(FinishReason.STOP)),
                frames(
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"content\":\"b\"},"
                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1},\"usage\":null}",
                        "[DONE]"));
    }

    @Test
    void aChoiceIsKeptOrSkippedByAnIndexThatComesAfterItsDelta() {
        assertEquals(
                List.of(new TextDelta("A"), new Finish(FinishReason.STOP)),
                frames(
                        "{\"choices\":[{\"delta\":{\"content\":\"B\"},\"index\":1},"
                                + "{\"delta\":{\"content\":\"A\"},\"finish_reason\":\"stop\",\"index\":0},"
                                + "{\"delta\":{\"content\":\"C\"},\"index\":0}]}",
                        "[DONE]"));
    }

    @Test
    void tokenCountsThatAreNotNonNegativeNumbersReadAsZeroAndDetailsAreCapped() {
        List<StreamEvent> events = frames(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":-4,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":99999999999999999999999}}}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":10.9,\"completion_tokens\":5,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":50},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":3}}}",
                "[DONE]");

        assertEquals(usage(0, 0), events.get(0));
        assertEquals(
                new UsageReport(Usage.builder()
                        .inputTokens(10)
                        .outputTokens(5)
                        .cachedInputTokens(10)
                        .reasoningTokens(3)
                        .build()),
                events.get(1));
    }

    @Test
    void toolCallFragmentsWithoutANumericIndexAreKeyedByTheirPosition() {
        assertEquals(
                List.of(
                        new ToolCallStart(0, "call_a", "f"),
                        new StreamEvent.ToolCallDelta(0, "{}"),
                        new ToolCallStart(1, "call_b", "g"),
                        new StreamEvent.ToolCallDelta(1, "[]"),
                        new ToolCallComplete(0, new ToolCall("call_a", "f", "{}")),
                        new ToolCallComplete(1, new ToolCall("call_b", "g", "[]")),
                        new Finish(FinishReason.of(FinishReason.TOOL_CALLS, "tool_calls"))),
                frames(
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":\"x\",\"id\":\"call_a\","
                                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"call_b\","
                                + "\"function\":{\"arguments\":\"[]\",\"name\":\"g\"}}]},"
                                + "\"finish_reason\":\"tool_calls\"}]}",
                        "[DONE]"));
    }

    @Test
    void aFrameThatTurnsOutMalformedEmitsNothing() {
        RecordingSink sink = new RecordingSink();
        ProviderFailure failure = frameFailure(
                sink, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"usage\":{");

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(failure.getMessage().contains("stream frame is not valid JSON"), failure.getMessage());
        assertEquals(List.of(), sink.events);
    }

    @Test
    void nestingBeyondTheParsersLimitIsMalformedEvenInAnUnknownField() {
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        ProviderFailure frame = frameFailure(new RecordingSink(), "{\"extra\":" + deep + ",\"choices\":[]}");
        ProviderFailure body = bodyFailure("{\"extra\":" + deep + ",\"choices\":[{\"index\":0,\"message\":{}}]}");

        assertEquals(ErrorKind.MALFORMED_RESPONSE, frame.error().kind());
        assertTrue(frame.getMessage().contains("nesting depth"), frame.getMessage());
        assertEquals(ErrorKind.MALFORMED_RESPONSE, body.error().kind());
        assertTrue(body.getMessage().contains("response body"), body.getMessage());
    }

    @Test
    void textAfterTheObjectIsMalformedAsATreeReadRefusesIt() {
        ProviderFailure frame = frameFailure(new RecordingSink(), "{\"choices\":[]} {\"choices\":[]}");
        ProviderFailure body = bodyFailure("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"}}]}]");

        assertEquals(ErrorKind.MALFORMED_RESPONSE, frame.error().kind());
        assertEquals(ErrorKind.MALFORMED_RESPONSE, body.error().kind());
    }

    @Test
    void framesAndBodiesThatAreNotObjectsOrEmptyAreMalformedNamingWhat() {
        assertTrue(
                frameFailure(new RecordingSink(), "[1,2]").getMessage().contains("stream frame is not a JSON object"));
        assertTrue(bodyFailure("  ").getMessage().contains("response body is empty"));
        assertTrue(bodyFailure("\"text\"").getMessage().contains("response body is not a JSON object"));
    }

    @Test
    void aNullErrorFieldIsNoErrorButAnErrorObjectInABodyIsClassified() {
        RecordingSink sink = new RecordingSink();
        OpenAiFixtures.decoder(sink)
                .decodeBody(
                        "{\"error\":null,\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"
                                .getBytes(StandardCharsets.UTF_8));
        ProviderFailure failure = bodyFailure(
                "{\"choices\":[],\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

        assertEquals(List.of(new TextDelta("ok"), new Finish(FinishReason.STOP)), sink.events);
        assertEquals(ErrorKind.RATE_LIMITED, failure.error().kind());
    }

    @Test
    void contentGivenAsAnArrayOfPartsYieldsEachNonEmptyText() {
        RecordingSink sink = new RecordingSink();
        OpenAiFixtures.decoder(sink)
                .decodeBody(("{\"choices\":[{\"index\":0,\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                                + "\"stray\",{\"text\":\"\"},{\"type\":\"text\",\"text\":\"b\"}]},\"finish_reason\":\"stop\"}]}")
                        .getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(new TextDelta("a"), new TextDelta("b"), new Finish(FinishReason.STOP)), sink.events);
    }
}
