/**
 * Limits and spend shared across processes through Redis: {@link dev.llmring.redis.RedisLimits}; a batch job run by
 * several workers: {@link dev.llmring.redis.RedisBatchJob}. See {@code
 * docs/limits.md} and {@code docs/batch.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.redis;

import org.jspecify.annotations.NullMarked;
