package dev.llmring.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
import dev.llmring.StreamEvent;
import dev.llmring.StreamEvent.Finish;
import dev.llmring.StreamEvent.ReasoningComplete;
import dev.llmring.StreamEvent.TextDelta;
import dev.llmring.StreamEvent.ToolCallComplete;
import dev.llmring.StreamEvent.ToolCallDelta;
import dev.llmring.StreamEvent.ToolCallStart;
import dev.llmring.StreamEvent.UsageReport;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder reads bodies and events field by field with a streaming parser, not as trees: these pin the rules a
 * tree read gave for free (any field order, unknown and repeated fields, values of other types, numbers, kept JSON
 * written as a tree would write it) and that a malformed event emits nothing and fails as before.
 */
class AnthropicStreamingParseTest {
    private static final String STOP = "{\"type\":\"message_stop\"}";

    /** Feeds events without SSE names (so the data's {@code type} decides), then ends the body. */
    private static List<StreamEvent> events(String... data) {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);
        for (String d : data) decoder.onFrame(null, d);
        decoder.onEnd();
        return sink.events;
    }

    private static List<StreamEvent> body(String json) {
        RecordingSink sink = new RecordingSink();
        Fixtures.adapter().decoder(Fixtures.MODEL, sink).decodeBody(json.getBytes(StandardCharsets.UTF_8));
        return sink.events;
    }

    private static ReasoningComplete raw(String json) {
        return new ReasoningComplete(ReasoningPart.raw("anthropic", json));
    }

    private static Finish other() {
        return new Finish(FinishReason.other("unknown"));
    }

    @Test
    void typeMayComeAfterTheFieldsItGivesMeaningTo() {
        assertEquals(
                List.of(new TextDelta("Hi"), new TextDelta(" there"), other()),
                events(
                        "{\"index\":0,\"content_block\":{\"text\":\"Hi\",\"type\":\"text\"},"
                                + "\"type\":\"content_block_start\"}",
                        "{\"index\":0,\"delta\":{\"text\":\" there\",\"type\":\"text_delta\"},"
                                + "\"type\":\"content_block_delta\"}",
                        "{\"index\":0,\"type\":\"content_block_stop\"}",
                        STOP));
    }

    @Test
    void aBlockKeptWholeIsFoundAgainWhenItsTypeComesLast() {
        assertEquals(
                List.of(raw("{\"id\":\"srv_1\",\"input\":{\"q\":\"x\"},\"type\":\"server_tool_use\"}"), other()),
                events(
                        "{\"index\":0,\"type\":\"content_block_start\",\"content_block\":"
                                + "{ \"id\" : \"srv_1\", \"input\" : {\"q\": \"x\"}, \"type\" : \"server_tool_use\" }}",
                        STOP));
    }

    @Test
    void unknownFieldsOfEveryShapeAreSkippedWithoutReadingLookalikesInside() {
        assertEquals(
                List.of(new TextDelta("yes"), other()),
                events(
                        "{\"type\":\"content_block_start\",\"extra\":{\"type\":\"error\",\"index\":7,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"no\"}},\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\",\"meta\":[{\"text\":\"no\"}]}}",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                                + "\"nested\":{\"text\":\"no\",\"type\":\"thinking_delta\"},\"text\":\"yes\"},"
                                + "\"n\":[1,2.5,true,null,[[]]]}",
                        STOP));
    }

    @Test
    void aRepeatedFieldsLastOccurrenceWinsAsInATree() {
        List<StreamEvent> events = events(
                "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}},"
                        + "\"message\":{\"usage\":{\"input_tokens\":7}}}",
                "{\"type\":\"content_block_start\",\"index\":9,\"index\":0,"
                        + "\"content_block\":{\"type\":\"thinking\",\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"no\"},\"delta\":{\"type\":\"text_delta\"}}",
                "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":3},\"usage\":null,"
                        + "\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_reason\":\"end_turn\"}}",
                STOP);

        assertEquals(
                List.of(
                        new TextDelta("b"),
                        new UsageReport(
                                Usage.builder().inputTokens(7).outputTokens(0).build()),
                        new Finish(FinishReason.of(FinishReason.STOP, "end_turn"))),
                events);
    }

    @Test
    void keptJsonIsWrittenAsATreeWouldWriteIt() {
        List<StreamEvent> events = events(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\","
                        + "\"citations\":[{\"n\":1.0E2,\"k\":1,\"k\":2}]}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\","
                        + "\"citation\":{ \"url\" : \"u\", \"big\" : 99999999999999999999 }}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"cited\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"web_search_tool_result\","
                        + "\"content\":[{\"a\":1,\"b\":2,\"a\":3}],\"tool_use_id\":\"s\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                STOP);

        assertEquals(
                List.of(
                        new TextDelta("cited"),
                        raw("{\"type\":\"text\",\"text\":\"cited\",\"citations\":[{\"n\":100.0,\"k\":2},"
                                + "{\"url\":\"u\",\"big\":99999999999999999999}]}"),
                        raw("{\"type\":\"web_search_tool_result\",\"content\":[{\"a\":3,\"b\":2}],"
                                + "\"tool_use_id\":\"s\"}"),
                        other()),
                events);
    }

    @Test
    void aServerToolsStreamedInputTakesThePlaceOfItsEmptyOneOrComesLast() {
        List<StreamEvent> events = events(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\","
                        + "\"input\":{},\"id\":\"s1\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{\\\"q\\\": \\\"a\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"b\\\", \\\"q\\\": 1e1}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"server_tool_use\","
                        + "\"id\":\"s2\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"[]\"}}",
                STOP);

        assertEquals(
                List.of(
                        raw("{\"type\":\"server_tool_use\",\"input\":{\"q\":10.0},\"id\":\"s1\"}"),
                        raw("{\"type\":\"server_tool_use\",\"id\":\"s2\",\"input\":[]}"),
                        other()),
                events);
    }

    @Test
    void aServerToolsStreamedInputThatIsNotOneJsonValueIsMalformed() {
        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> events(
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\"}}",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                                + "\"partial_json\":\"{} {}\"}}",
                        STOP));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(failure.getMessage().contains("streamed input is not JSON"), failure.getMessage());
    }

    @Test
    void countsAndIndexesAreTakenAsATreeConvertsThem() {
        List<StreamEvent> events = events(
                "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":\"12\","
                        + "\"cache_read_input_tokens\":99999999999999999999,\"cache_creation_input_tokens\":2.9,"
                        + "\"output_tokens\":-1}}}",
                "{\"type\":\"content_block_start\",\"index\":1.0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1.7,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
                "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":-0.5}}",
                STOP);

        assertEquals(
                List.of(
                        new TextDelta("x"),
                        new UsageReport(Usage.builder()
                                .inputTokens(2)
                                .cacheWriteTokens(2)
                                .outputTokens(0)
                                .build()),
                        other()),
                events);
        ProviderFailure failure = assertThrows(
                ProviderFailure.class, () -> events("{\"type\":\"content_block_stop\",\"index\":2147483648}", STOP));
        assertTrue(failure.getMessage().contains("without an index"), failure.getMessage());
    }

    @Test
    void aBodyIsReadInAnyFieldOrderWithItsToolInputWrittenAsATreeWouldWriteIt() {
        String sf = "{\"city\":\"Paris\",\"days\":[1,2.0]}";
        assertEquals(
                List.of(
                        new ToolCallStart(0, "toolu_1", "get_weather"),
                        new ToolCallDelta(0, sf),
                        new ToolCallComplete(0, new ToolCall("toolu_1", "get_weather", sf)),
                        new UsageReport(
                                Usage.builder().inputTokens(3).outputTokens(4).build()),
                        new Finish(FinishReason.of(FinishReason.TOOL_CALLS, "tool_use"))),
                body("{\"usage\":{\"output_tokens\":4,\"input_tokens\":3},\"stop_reason\":\"tool_use\","
                        + "\"content\":[{\"input\":{ \"city\" : \"Rome\", \"days\" : [1, 2.0], \"city\" : \"Paris\" },"
                        + "\"name\":\"get_weather\",\"id\":\"toolu_1\",\"type\":\"tool_use\"}],\"type\":\"message\"}"));
    }

    @Test
    void aPingIsReadAndIgnoredAndAnUnknownTypeDoesNotFallBackToTheEventName() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);
        decoder.onFrame("ping", "{\"type\":\"ping\"}");
        decoder.onFrame("message_stop", "{\"type\":\"later_addition\",\"index\":{\"deep\":[1]}}");
        decoder.onFrame("message_stop", "{\"type\":null}");

        assertEquals(List.of(other()), sink.events);
    }

    @Test
    void aMalformedEventEmitsNothingAndFailsAsATreeReadDid() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);
        decoder.onFrame(null, "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\"}}");
        List<String> messages = new ArrayList<>();
        for (String data : new String[] {
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}} {}",
            "\"type\": \"content_block_delta\"",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":}}",
            ""
        }) {
            ProviderFailure failure = assertThrows(ProviderFailure.class, () -> decoder.onFrame(null, data));
            assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
            messages.add(failure.getMessage());
        }

        assertEquals(List.of(), sink.events);
        assertTrue(messages.get(1).contains("Trailing token"), messages.get(1));
        assertTrue(messages.get(2).contains("Unexpected character"), messages.get(2));
        assertTrue(messages.get(3).contains("expected a valid value"), messages.get(3));
        assertTrue(messages.get(4).contains("stream event is empty"), messages.get(4));
        messages.forEach(m -> assertTrue(m.contains("Anthropic's stream event"), m));
    }

    @Test
    void anErrorEventIsClassifiedWhateverItsFieldOrder() {
        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> events("{\"error\":{\"message\":\"busy\",\"type\":\"overloaded_error\"},\"type\":\"error\"}"));

        assertEquals(ErrorKind.OVERLOADED, failure.error().kind());
        assertEquals("busy", failure.error().message());
    }
}
