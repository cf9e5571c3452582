package dev.llmring.limits.local.internal;

import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.local.Period;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One spend budget: for an alias, for one tag, or for each tag separately ({@code name} null), per period.
 *
 * @param usd the budget in US dollars
 */
public record BudgetRule(Kind kind, @Nullable String name, Period period, BigDecimal usd) {

    /** What a budget is for. */
    public enum Kind {
        ALIAS,
        TAG
    }

    /** Whether the budget applies to {@code attempt}. */
    public boolean applies(LimitedAttempt attempt) {
        return switch (kind) {
            case ALIAS -> attempt.alias().equals(name);
            case TAG ->
                attempt.tag().isPresent()
                        && (name == null || attempt.tag().get().equals(name));
        };
    }

    /** The ledger account of {@code attempt} in the period holding {@code now}. */
    public String account(LimitedAttempt attempt, Instant now) {
        String who = kind == Kind.ALIAS ? attempt.alias() : attempt.tag().orElseThrow();
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + who + "/" + period.key() + "/"
                + period.label(now);
    }

    /** The key under which a later rule replaces this one. */
    String identity() {
        return kind + "/" + (name == null ? "*" : name) + "/" + period;
    }

    /** How a refusal names the budget. */
    public String describe(LimitedAttempt attempt) {
        String who = kind == Kind.ALIAS
                ? "alias '" + attempt.alias() + "'"
                : "tag '" + attempt.tag().orElse("") + "'";
        return "budget_usd_per_" + period.key() + " = " + usd.toPlainString() + " for " + who;
    }
}
