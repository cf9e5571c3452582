package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReasoningTest {

    @Test
    void aBudgetBelowTheMinimumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reasoning.budget(512));
        assertEquals("a reasoning budget must be at least 1024 tokens, was 512", e.getMessage());
    }

    @Test
    void aBudgetTranslatesToTheNearestEffort() {
        assertEquals(Reasoning.Effort.LOW, Reasoning.budget(2048).effort());
        assertEquals(Reasoning.Effort.MEDIUM, Reasoning.budget(8000).effort());
        assertEquals(Reasoning.Effort.HIGH, Reasoning.budget(16000).effort());
    }

    @Test
    void anEffortTranslatesToABudget() {
        assertEquals(2048, Reasoning.effort(Reasoning.Effort.LOW).budgetTokens());
        assertEquals(24576, Reasoning.effort(Reasoning.Effort.HIGH).budgetTokens());
    }

    @Test
    void requestKeepsItsReasoningThroughToBuilder() {
        ChatRequest r = ChatRequest.builder("a")
                .user("hi")
                .reasoning(Reasoning.budget(4096))
                .build();
        assertEquals(Reasoning.budget(4096), r.toBuilder().build().reasoning().orElseThrow());
    }
}
