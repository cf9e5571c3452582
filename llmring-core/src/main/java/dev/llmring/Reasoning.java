package dev.llmring;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How much a reasoning model should think: an {@link Effort} or a token budget. Each adapter maps it to its
 * provider's field: OpenAI {@code reasoning_effort}; Anthropic {@code thinking} with {@code budget_tokens}; Gemini
 * {@code generationConfig.thinkingConfig} ({@code thinkingLevel} for an effort on Gemini 3, else
 * {@code thinkingBudget}). Where only one form exists, the other is translated ({@link #budgetTokens()},
 * {@link #effort()}). A call is refused in preflight where the registry says the model cannot reason. Immutable.
 */
public final class Reasoning {
    /** The smallest budget Anthropic accepts, and the least any budget may be. */
    public static final int MIN_BUDGET_TOKENS = 1024;

    /** How hard to think. */
    public enum Effort {
        /** Little reasoning: faster and cheaper. */
        LOW,
        /** The providers' usual default. */
        MEDIUM,
        /** Thorough reasoning. */
        HIGH;

        /** {@return the lower-case wire name, e.g. {@code low}} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final @Nullable Effort effort;
    private final int budgetTokens;

    private Reasoning(@Nullable Effort effort, int budgetTokens) {
        this.effort = effort;
        this.budgetTokens = budgetTokens;
    }

    /**
     * Reasoning at {@code effort}.
     *
     * @param effort how hard to think
     * @return the setting
     */
    public static Reasoning effort(Effort effort) {
        Objects.requireNonNull(effort, "effort");
        return new Reasoning(effort, 0);
    }

    /**
     * Reasoning within a budget of {@code tokens} thinking tokens.
     *
     * @param tokens the budget, at least {@value #MIN_BUDGET_TOKENS}
     * @return the setting
     * @throws IllegalArgumentException when {@code tokens} is below {@value #MIN_BUDGET_TOKENS}
     */
    public static Reasoning budget(int tokens) {
        if (tokens < MIN_BUDGET_TOKENS) {
            throw new IllegalArgumentException(
                    "a reasoning budget must be at least " + MIN_BUDGET_TOKENS + " tokens, was " + tokens);
        }
        return new Reasoning(null, tokens);
    }

    /** {@return whether this setting was given as a token budget (else as an effort)} */
    public boolean isBudget() {
        return effort == null;
    }

    /** {@return the effort: as given, or for a budget the nearest (up to 2048 low, up to 8192 medium, else high)} */
    public Effort effort() {
        if (effort != null) return effort;
        return budgetTokens <= 2048 ? Effort.LOW : budgetTokens <= 8192 ? Effort.MEDIUM : Effort.HIGH;
    }

    /** {@return the token budget: as given, or for an effort 2048 (low), 8192 (medium) or 24576 (high)} */
    public int budgetTokens() {
        if (effort == null) return budgetTokens;
        return switch (effort) {
            case LOW -> 2048;
            case MEDIUM -> 8192;
            case HIGH -> 24576;
        };
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Reasoning r && r.effort == effort && r.budgetTokens == budgetTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(effort, budgetTokens);
    }

    @Override
    public String toString() {
        return effort != null
                ? "Reasoning[effort=" + effort.wireName() + "]"
                : "Reasoning[budget=" + budgetTokens + "]";
    }
}
