/**
 * Limits for llmring in one process: {@link dev.llmring.limits.local.Limits} (a {@link
 * dev.llmring.limits.LimiterFactory} built in code and merged with the lockfile's limits), {@link
 * dev.llmring.limits.local.RateLimit}, {@link dev.llmring.limits.local.Period}, and the spend ledgers {@link
 * dev.llmring.limits.local.InMemorySpendLedger} and {@link dev.llmring.limits.local.FileSpendLedger}. See {@code
 * docs/limits.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.limits.local;

import org.jspecify.annotations.NullMarked;
