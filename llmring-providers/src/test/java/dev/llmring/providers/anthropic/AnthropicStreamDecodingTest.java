package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.decodeStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.ReasoningPart;
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
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicStreamDecodingTest {

    @Test
    void decodesTextStreamToleratingSpacesBeforeClosingBraces() {
        assertEquals(
                List.of(
                        new TextDelta("Paris is"),
                        new TextDelta(" the capital of France."),
                        new UsageReport(
                                Usage.builder().inputTokens(21).outputTokens(11).build()),
                        new Finish(FinishReason.of(FinishReason.STOP, "end_turn"))),
                decodeStream("stream-text.sse"));
    }

    @Test
    void assemblesStreamedToolCallsFromPartialJson() {
        String sf = "{\"location\": \"San Francisco, CA\", \"unit\": \"celsius\"}";
        String ny = "{\"location\": \"New York, NY\", \"unit\": \"celsius\"}";
        assertEquals(
                List.of(
                        new TextDelta("I'll check the weather in both cities."),
                        new ToolCallStart(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
                        new ToolCallDelta(0, "{\"location\": \"San Fra"),
                        new ToolCallDelta(0, "ncisco, CA\", \"unit\": \"cels"),
                        new ToolCallDelta(0, "ius\"}"),
                        new ToolCallComplete(0, new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", sf)),
                        new ToolCallStart(1, "toolu_01Vq8Zr4Ns2Kd6Lp0Wt3Xe7Y", "get_weather"),
                        new ToolCallDelta(1, "{\"location\": \"New York, NY\""),
                        new ToolCallDelta(1, ", \"unit\": \"celsius\"}"),
                        new ToolCallComplete(1, new ToolCall("toolu_01Vq8Zr4Ns2Kd6Lp0Wt3Xe7Y", "get_weather", ny)),
                        new UsageReport(Usage.builder()
                                .inputTokens(384)
                                .outputTokens(112)
                                .build()),
                        new Finish(FinishReason.of(FinishReason.TOOL_CALLS, "tool_use"))),
                decodeStream("stream-tool-use.sse"));
    }

    @Test
    void streamedToolCallArgumentsParse() {
        ToolCallComplete first = decodeStream("stream-tool-use.sse").stream()
                .filter(ToolCallComplete.class::isInstance)
                .map(ToolCallComplete.class::cast)
                .findFirst()
                .orElseThrow();

        assertEquals(
                Map.of("location", "San Francisco, CA", "unit", "celsius"),
                first.call().arguments());
    }

    @Test
    void streamsThinkingAsReasoningThenTheSignedBlock() {
        List<StreamEvent> events = decodeStream("stream-thinking.sse");

        assertEquals(
                List.of(
                        new ReasoningDelta("27 * 453 = 27 * 400 + 27 * 53"),
                        new ReasoningDelta(" = 10800 + 1431 = 12231."),
                        new StreamEvent.ReasoningComplete(ReasoningPart.thinking(
                                "anthropic",
                                "27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.",
                                "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds8LGTk5Hg3pNDt1cyUJz2GNyNjXgIm5jaGdZ"
                                        + "HihKMbIRRJr2r/AgFS3BX3sJH+MUNyNkcMZY==")),
                        new TextDelta("27 × 453 = 12,231.")),
                events.subList(0, 4));
        assertEquals(6, events.size());
    }

    @Test
    void reportsCacheUsageFromMessageStartAndDelta() {
        assertTrue(decodeStream("stream-cached-usage.sse")
                .contains(new UsageReport(Usage.builder()
                        .inputTokens(2050)
                        .cachedInputTokens(1800)
                        .cacheWriteTokens(200)
                        .outputTokens(17)
                        .build())));
    }

    @Test
    void failsWithOverloadedOnMidStreamErrorEvent() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);

        ProviderFailure failure =
                assertThrows(ProviderFailure.class, () -> Fixtures.feed("stream-overloaded-midway.sse", decoder));
        assertEquals(ErrorKind.OVERLOADED, failure.error().kind());
        assertEquals(List.of(new TextDelta("Paris is")), sink.events);
    }

    @Test
    void failsWhenStreamEndsWithoutMessageStop() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);

        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> Fixtures.feed("stream-cut.sse", decoder));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
        assertTrue(sink.events.stream().noneMatch(Finish.class::isInstance));
    }

    @Test
    void failsAsMalformedOnUnparseableFrame() {
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, new RecordingSink());

        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> decoder.onFrame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    @Test
    void ignoresUnknownEventTypes() {
        RecordingSink sink = new RecordingSink();
        ResponseDecoder decoder = Fixtures.adapter().decoder(Fixtures.MODEL, sink);

        decoder.onFrame("future_event", "{\"type\":\"future_event\",\"x\":1}");
        decoder.onFrame(
                null,
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                        + "\"usage\":{\"output_tokens\":3}}");
        decoder.onFrame("message_stop", "{\"type\":\"message_stop\"}");
        decoder.onEnd();

        assertEquals(
                new Finish(FinishReason.of(FinishReason.STOP, "end_turn")), sink.events.get(sink.events.size() - 1));
    }
}
