package dev.llmring.limits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Budgets per period, per alias and per tag: the worst case reserved, the real cost settled. */
class BudgetTest {
    private final TestClock clock = new TestClock();
    private final InMemorySpendLedger ledger = new InMemorySpendLedger();

    private Limiter limiter(Limits.Builder b) {
        return b.ledger(ledger).build().create(new LimiterFactory.Context(null, clock));
    }

    private static LimitedAttempt call(String alias, String tag, String worst) {
        return LimitedAttempt.builder(alias, "openai", "gpt-4o")
                .tag(tag)
                .worstCaseCost(new BigDecimal(worst))
                .build();
    }

    private static Outcome cost(String usd) {
        return Outcome.builder().status(200).cost(new BigDecimal(usd)).build();
    }

    @Test
    void aDailyAliasBudgetRefusesTheCallThatCouldPassItAndResetsNextDay() {
        Limiter l = limiter(Limits.builder().aliasBudget("chat", Period.DAY, new BigDecimal("1.00")));
        l.admit(call("chat", null, "0.60")).permit().orElseThrow().settle(cost("0.50"));
        Admission refused = l.admit(call("chat", null, "0.60"));
        assertTrue(refused.isOverBudget());
        assertTrue(refused.reason().contains("budget_usd_per_day = 1.00 for alias 'chat'"), refused.reason());
        assertTrue(l.admit(call("chat", null, "0.40")).isAdmitted());
        clock.advance(Duration.ofDays(1));
        assertTrue(l.admit(call("chat", null, "0.90")).isAdmitted());
    }

    @Test
    void theWorstCaseStaysBookedWhileTheCallIsInFlight() {
        Limiter l = limiter(Limits.builder().aliasBudget("chat", Period.MONTH, new BigDecimal("1.00")));
        assertTrue(l.admit(call("chat", null, "0.70")).isAdmitted());
        assertTrue(l.admit(call("chat", null, "0.70")).isOverBudget());
        assertEquals(new BigDecimal("0.70"), ledger.booked("alias/chat/month/2026-07"));
    }

    @Test
    void aFailedCallBooksNothing() {
        Limiter l = limiter(Limits.builder().aliasBudget("chat", Period.DAY, new BigDecimal("1.00")));
        l.admit(call("chat", null, "0.80"))
                .permit()
                .orElseThrow()
                .settle(Outcome.builder().status(500).build());
        assertEquals(0, ledger.booked("alias/chat/day/2026-07-14").signum());
    }

    @Test
    void eachTagHasItsOwnBudget() {
        Limiter l = limiter(Limits.builder().eachTagBudget(Period.DAY, new BigDecimal("1")));
        l.admit(call("chat", "tenant-1", "1")).permit().orElseThrow().settle(cost("1"));
        assertTrue(l.admit(call("chat", "tenant-1", "0.01")).isOverBudget());
        assertTrue(l.admit(call("chat", "tenant-2", "0.50")).isAdmitted());
        assertTrue(l.admit(call("chat", null, "5")).isAdmitted(), "untagged calls have no tag budget");
    }

    @Test
    void aNamedTagBudgetAppliesOnlyToThatTag() {
        Limiter l = limiter(Limits.builder().tagBudget("tenant-1", Period.MONTH, new BigDecimal("0.10")));
        assertTrue(l.admit(call("chat", "tenant-1", "0.20")).isOverBudget());
        assertTrue(l.admit(call("chat", "tenant-2", "0.20")).isAdmitted());
    }

    @Test
    void aSpentBudgetRefusesEvenACallThatCannotBePriced() {
        Limiter l = limiter(Limits.builder().aliasBudget("chat", Period.DAY, new BigDecimal("0.10")));
        l.admit(call("chat", null, "0.10")).permit().orElseThrow().settle(cost("0.10"));
        assertTrue(l.admit(LimitedAttempt.builder("chat", "openai", "gpt-4o").build())
                .isOverBudget());
    }
}
