package dev.llmring.redis;

import dev.llmring.limits.LimitedAttempt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real Redis per test class, on a free loopback port, stopped after the class. */
abstract class RedisTestSupport {
    static final LimitedAttempt ATTEMPT =
            LimitedAttempt.builder("chat", "openai", "gpt-4o").build();

    static RedisProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = new RedisProcess();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }
}
