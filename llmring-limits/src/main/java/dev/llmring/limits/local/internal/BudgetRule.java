package dev.llmring.limits.local.internal;

import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.local.Period;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One spend budget: for an alias, for one tag, or for each tag separately ({@code name} null), per period.
 *
 * @param kind whether the budget is an alias's or a tag's
 * @param name the alias or the tag; null for each tag separately
 * @param period the UTC day or calendar month it is for
 * @param usd the budget in US dollars
 */
public record BudgetRule(Kind kind, @Nullable String name, Period period, BigDecimal usd) {

    /** What a budget is for. */
    public enum Kind {
        /** The calls that name an alias. */
        ALIAS,
        /** The calls tagged with one tag, or each tag separately. */
        TAG
    }

    /**
     * Whether the budget applies to {@code attempt}.
     *
     * @param attempt the attempt about to be sent
     * @return true when it books on this budget
     */
    public boolean applies(LimitedAttempt attempt) {
        return switch (kind) {
            case ALIAS -> attempt.alias().equals(name);
            case TAG ->
                attempt.tag().isPresent()
                        && (name == null || attempt.tag().get().equals(name));
        };
    }

    /**
     * The ledger account of {@code attempt} in the period holding {@code now}.
     *
     * @param attempt an attempt the budget {@linkplain #applies applies} to
     * @param now the current instant
     * @return {@code alias/<alias>/<day|month>/<period>} or {@code tag/<tag>/<day|month>/<period>}
     */
    public String account(LimitedAttempt attempt, Instant now) {
        String who = kind == Kind.ALIAS ? attempt.alias() : attempt.tag().orElseThrow();
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + who + "/" + period.key() + "/"
                + period.label(now);
    }

    /** The key under which a later rule replaces this one. */
    String identity() {
        return kind + "/" + (name == null ? "*" : name) + "/" + period;
    }

    /**
     * How a refusal names the budget.
     *
     * @param attempt the attempt refused
     * @return such as {@code budget_usd_per_day = 20 for alias 'summarizer'}
     */
    public String describe(LimitedAttempt attempt) {
        String who = kind == Kind.ALIAS
                ? "alias '" + attempt.alias() + "'"
                : "tag '" + attempt.tag().orElse("") + "'";
        return "budget_usd_per_" + period.key() + " = " + usd.toPlainString() + " for " + who;
    }
}
