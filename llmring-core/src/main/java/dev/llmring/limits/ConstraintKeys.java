package dev.llmring.limits;

import java.util.Set;

/**
 * The names of the rate and spend limits a lockfile binding's {@code constraints} table may hold (see {@code
 * docs/limits.md}). Core only recognises them, to warn when a lockfile declares limits and no limits module is there
 * to enforce them; {@code llmring-limits} reads them.
 */
public final class ConstraintKeys {
    /** Requests per minute, for the alias. */
    public static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    /** Tokens (estimated input plus requested output, settled to the real usage) per minute, for the alias. */
    public static final String TOKENS_PER_MINUTE = "tokens_per_minute";
    /** Requests in flight at once, for the alias. */
    public static final String MAX_CONCURRENT_REQUESTS = "max_concurrent_requests";
    /** The burst, as a number of requests above the steady rate, for {@link #REQUESTS_PER_MINUTE}. */
    public static final String REQUESTS_BURST = "requests_burst";
    /** The burst, in tokens, for {@link #TOKENS_PER_MINUTE}. */
    public static final String TOKENS_BURST = "tokens_burst";
    /** The longest a call waits for these limits when no other binding is left, in milliseconds (0: never). */
    public static final String MAX_WAIT_MS = "max_wait_ms";
    /** Spend budget per UTC day for the alias, in US dollars. */
    public static final String BUDGET_USD_PER_DAY = "budget_usd_per_day";
    /** Spend budget per UTC calendar month for the alias, in US dollars. */
    public static final String BUDGET_USD_PER_MONTH = "budget_usd_per_month";
    /**
     * A table of limits per binding ({@code "provider:model"}) or per provider key ({@code "provider"}), each with
     * the rate keys above: {@code rate_limits."openai:gpt-4o" = { requests_per_minute = 500 }}.
     */
    public static final String RATE_LIMITS = "rate_limits";

    /** Every key above. */
    public static final Set<String> ALL = Set.of(
            REQUESTS_PER_MINUTE,
            TOKENS_PER_MINUTE,
            MAX_CONCURRENT_REQUESTS,
            REQUESTS_BURST,
            TOKENS_BURST,
            MAX_WAIT_MS,
            BUDGET_USD_PER_DAY,
            BUDGET_USD_PER_MONTH,
            RATE_LIMITS);

    private ConstraintKeys() {}
}
