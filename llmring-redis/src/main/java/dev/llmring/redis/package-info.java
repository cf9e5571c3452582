/**
 * Limits and spend shared across processes through Redis: {@link dev.llmring.redis.RedisLimits}. See {@code
 * docs/limits.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.redis;

import org.jspecify.annotations.NullMarked;
