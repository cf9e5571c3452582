/**
 * Rate, concurrency and spend limits for llmring in one process: Bucket4j token buckets, period budgets on a spend
 * ledger (in memory or in a file), limits read from the lockfile's binding constraints and from {@link
 * dev.llmring.limits.local.Limits}. Found by {@link java.util.ServiceLoader}: adding this module makes the lockfile's
 * limits take effect.
 */
@SuppressWarnings("module") // the qualified export names llmring-redis, which is built after this module
module dev.llmring.limits.local {
    requires transitive dev.llmring.core;
    requires io.github.bucket4j.core;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.llmring.limits.local;
    exports dev.llmring.limits.local.internal to
            dev.llmring.redis;

    provides dev.llmring.limits.LimiterFactory with
            dev.llmring.limits.local.internal.DiscoveredLimits;
}
