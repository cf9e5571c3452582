/**
 * Admission control for calls: the {@link dev.llmring.limits.Limiter} the router asks before every attempt (rate,
 * token and concurrency limits, period budgets), the {@link dev.llmring.limits.SpendLedger} that budgets book
 * against, and the {@link dev.llmring.limits.LimiterFactory} service a limits module provides. Core holds only these
 * interfaces and the routing behaviour; the limiters live in {@code llmring-limits} and {@code llmring-redis}. See
 * {@code docs/limits.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.limits;

import org.jspecify.annotations.NullMarked;
