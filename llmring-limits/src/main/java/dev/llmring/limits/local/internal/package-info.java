/**
 * The machinery behind {@link dev.llmring.limits.local.Limits}: the limiter, its buckets, the lockfile reader and the
 * provider headers. Not exported, except to {@code llmring-redis}, which puts the buckets and the ledger in Redis.
 */
@NullMarked
package dev.llmring.limits.local.internal;

import org.jspecify.annotations.NullMarked;
