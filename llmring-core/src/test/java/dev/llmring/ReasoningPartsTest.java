package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningPartsTest {
    private static final ReasoningPart THINKING = ReasoningPart.thinking("anthropic", "Let me check.", "sig-1");
    private static final ReasoningPart REDACTED = ReasoningPart.redacted("anthropic", "opaque-data");

    private static ChatResponse assembled(StreamEvent... events) {
        ResponseAssembler assembler = new ResponseAssembler();
        for (StreamEvent e : events) assembler.emit(e);
        return assembler.toBuilder(new Target("anthropic", "m"), null, new Failures(Redactor.NONE, Clock.systemUTC()))
                .latency(Duration.ZERO)
                .trace(new RoutingTrace("a", "default", List.of(), "anthropic:m"))
                .build();
    }

    @Test
    void assemblerKeepsReasoningPartsInOrder() {
        ChatResponse r = assembled(
                new StreamEvent.ReasoningDelta("Let me check."),
                new StreamEvent.ReasoningComplete(THINKING),
                new StreamEvent.ReasoningComplete(REDACTED),
                new StreamEvent.TextDelta("Done."),
                new StreamEvent.Finish(FinishReason.of(FinishReason.STOP, "end_turn")));
        assertEquals(List.of(THINKING, REDACTED), r.reasoningParts());
    }

    @Test
    void assistantMessageHoldsReasoningPartsTextAndToolCalls() {
        ToolCall call = new ToolCall("toolu_1", "get_weather", "{\"location\":\"Paris\"}");
        ChatResponse r = assembled(
                new StreamEvent.ReasoningComplete(THINKING),
                new StreamEvent.TextDelta("Checking."),
                new StreamEvent.ToolCallComplete(0, call),
                new StreamEvent.Finish(FinishReason.of(FinishReason.TOOL_CALLS, "tool_use")));
        Message m = r.assistantMessage();
        assertEquals(Role.ASSISTANT, m.role());
        assertEquals(List.of(THINKING), m.reasoningParts());
        assertEquals("Checking.", m.text());
        assertEquals(List.of(call), m.toolCalls());
    }

    @Test
    void onlyAssistantMessagesCarryReasoningParts() {
        assertThrows(IllegalArgumentException.class, () -> Message.builder(Role.USER)
                .text("hi")
                .reasoningPart(THINKING)
                .build());
    }

    @Test
    void toStringNeverShowsReasoningOrSignature() {
        String s = THINKING + " " + REDACTED;
        assertFalse(s.contains("sig-1") || s.contains("Let me") || s.contains("opaque-data"), s);
    }

    @Test
    void rawPartKeepsTheProvidersJsonAndNeverPrintsIt() {
        String json = "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}";
        ReasoningPart raw = ReasoningPart.raw("anthropic", json);
        assertEquals(json, raw.rawJson().orElseThrow());
        assertTrue(raw.isRaw());
        assertFalse(raw.isRedacted());
        assertEquals("", raw.text());
        assertEquals(raw, ReasoningPart.raw("anthropic", json));
        assertFalse(raw.equals(ReasoningPart.raw("google", json)));
        assertFalse(raw.toString().contains("srvtoolu_1"), raw.toString());
        assertFalse(THINKING.isRaw());
        assertEquals(java.util.Optional.empty(), THINKING.rawJson());
    }

    @Test
    void rawPartMustBeAJsonObject() {
        assertThrows(IllegalArgumentException.class, () -> ReasoningPart.raw("anthropic", "[1]"));
        assertThrows(IllegalArgumentException.class, () -> ReasoningPart.raw("anthropic", " "));
    }

    @Test
    void assemblerKeepsRawPartsInPlaceAmongTheOthers() {
        ReasoningPart raw = ReasoningPart.raw("anthropic", "{\"type\":\"server_tool_use\"}");
        ChatResponse r = assembled(
                new StreamEvent.ReasoningComplete(THINKING),
                new StreamEvent.ReasoningComplete(raw),
                new StreamEvent.ReasoningComplete(REDACTED),
                new StreamEvent.TextDelta("Done."),
                new StreamEvent.Finish(FinishReason.of(FinishReason.STOP, "end_turn")));
        assertEquals(List.of(THINKING, raw, REDACTED), r.assistantMessage().reasoningParts());
    }

    @Test
    void redactedPartNeedsData() {
        assertThrows(IllegalArgumentException.class, () -> ReasoningPart.redacted("anthropic", " "));
    }
}
