package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.decodeBody;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Non-streamed bodies: the same events a stream of the same answer produces. */
class AnthropicResponseDecodingTest {

    private static Usage usage(long input, long cached, long written, long output) {
        return Usage.builder()
                .inputTokens(input)
                .cachedInputTokens(cached)
                .cacheWriteTokens(written)
                .outputTokens(output)
                .build();
    }

    private static FinishReason finish(List<StreamEvent> events) {
        return ((Finish) events.get(events.size() - 1)).reason();
    }

    @Test
    void decodesTextAnswer() {
        assertEquals(
                List.of(
                        new TextDelta("Paris is the capital of France."),
                        new UsageReport(usage(21, 0, 0, 11)),
                        new Finish(FinishReason.of(FinishReason.STOP, "end_turn"))),
                decodeBody("message-text.json"));
    }

    @Test
    void decodesParallelToolUseAsNumberedToolCalls() {
        String sf = "{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}";
        String ny = "{\"location\":\"New York, NY\",\"unit\":\"celsius\"}";
        assertEquals(
                List.of(
                        new TextDelta("I'll check the weather in both cities."),
                        new ToolCallStart(0, "toolu_01A09q90qw90lq917835lq9", "get_weather"),
                        new ToolCallDelta(0, sf),
                        new ToolCallComplete(0, new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", sf)),
                        new ToolCallStart(1, "toolu_01B7Kx3tRmV2sQ8yNz4pWc5d", "get_weather"),
                        new ToolCallDelta(1, ny),
                        new ToolCallComplete(1, new ToolCall("toolu_01B7Kx3tRmV2sQ8yNz4pWc5d", "get_weather", ny)),
                        new UsageReport(usage(384, 0, 0, 112)),
                        new Finish(FinishReason.of(FinishReason.TOOL_CALLS, "tool_use"))),
                decodeBody("message-tool-use.json"));
    }

    @Test
    void decodesToolUseWithoutInputAsEmptyObject() {
        ToolCallComplete complete = decodeBody("message-tool-use-no-input.json").stream()
                .filter(ToolCallComplete.class::isInstance)
                .map(ToolCallComplete.class::cast)
                .findFirst()
                .orElseThrow();

        assertEquals(Map.of(), complete.call().arguments());
    }

    @Test
    void decodesThinkingAsReasoningNeverAsText() {
        List<StreamEvent> events = decodeBody("message-thinking.json");

        assertEquals(
                List.of(
                        new ReasoningDelta("The user asks for 27 * 453. 27 * 453 = 27 * 400 + 27 * 53"
                                + " = 10800 + 1431 = 12231."),
                        new TextDelta("27 × 453 = 12,231.")),
                events.stream()
                        .filter(e -> e instanceof ReasoningDelta || e instanceof TextDelta)
                        .toList());
    }

    @Test
    void keepsThinkingAndRedactedBlocksAsReasoningPartsInOrder() {
        assertEquals(
                List.of(
                        ReasoningPart.thinking(
                                "anthropic",
                                "The user asks for 27 * 453. 27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.",
                                "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds8LGTk5Hg3pNDt1cyUJz2GNyNjXgIm5jaGdZ"
                                        + "HihKMbIRRJr2r/AgFS3BX3sJH+MUNyNkcMZY=="),
                        ReasoningPart.redacted(
                                "anthropic",
                                "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7"
                                        + "vB8URj2pLmN3kWj+Yq9mAwH=")),
                decodeBody("message-thinking.json").stream()
                        .filter(StreamEvent.ReasoningComplete.class::isInstance)
                        .map(e -> ((StreamEvent.ReasoningComplete) e).part())
                        .toList());
    }

    @Test
    void addsCacheReadsAndWritesToInputTokens() {
        assertTrue(decodeBody("message-cached.json").contains(new UsageReport(usage(2050, 1800, 200, 17))));
    }

    @Test
    void mapsMaxTokensToLength() {
        assertEquals(FinishReason.of(FinishReason.LENGTH, "max_tokens"), finish(decodeBody("message-max-tokens.json")));
    }

    @Test
    void mapsStopSequenceToStop() {
        assertEquals(
                FinishReason.of(FinishReason.STOP, "stop_sequence"), finish(decodeBody("message-stop-sequence.json")));
    }

    @Test
    void mapsRefusal() {
        assertEquals(FinishReason.of(FinishReason.REFUSAL, "refusal"), finish(decodeBody("message-refusal.json")));
    }

    @Test
    void keepsPauseTurnAsOtherWithRawReason() {
        assertEquals(FinishReason.other("pause_turn"), finish(decodeBody("message-pause-turn.json")));
    }

    @Test
    void failsOnErrorBodyWithItsKind() {
        ProviderFailure failure = assertThrows(ProviderFailure.class, () -> decodeBody("error-body-overloaded.json"));

        assertEquals(ErrorKind.OVERLOADED, failure.error().kind());
        assertEquals("overloaded_error", failure.error().providerCode().orElseThrow());
    }

    @Test
    void failsAsMalformedOnBodyThatIsNotJson() {
        RecordingSink sink = new RecordingSink();
        byte[] body = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);

        ProviderFailure failure = assertThrows(
                ProviderFailure.class,
                () -> Fixtures.adapter().decoder(Fixtures.MODEL, sink).decodeBody(body));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, failure.error().kind());
    }

    @Test
    void bodyAndStreamOfTheSameAnswerDecodeAlike() {
        assertEquals(joinText(decodeBody("message-text.json")), joinText(decodeStream("stream-text.sse")));
    }

    /** The events with adjacent text deltas joined (a stream splits text where a body does not). */
    private static List<StreamEvent> joinText(List<StreamEvent> events) {
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e : events) {
            int last = out.size() - 1;
            if (e instanceof TextDelta t && last >= 0 && out.get(last) instanceof TextDelta prev) {
                out.set(last, new TextDelta(prev.text() + t.text()));
            } else {
                out.add(e);
            }
        }
        return out;
    }
}
