/**
 * Limits and spend shared by every process that points at one Redis: Bucket4j buckets on Lettuce, and a spend ledger
 * reserved and settled atomically; batch jobs shared by several workers through a Redis Stream. Losing Redis degrades to local limits, never to blocked calls.
 */
module dev.llmring.redis {
    requires transitive dev.llmring.limits.local;
    requires transitive dev.llmring.batch;
    requires com.fasterxml.jackson.databind;
    requires io.github.bucket4j.core;
    requires io.github.bucket4j.redis.common;
    requires io.github.bucket4j.lettuce;
    requires lettuce.core;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.llmring.redis;
}
