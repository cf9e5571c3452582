package dev.llmring.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.local.Limits;
import dev.llmring.limits.local.RateLimit;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Redis killed mid-run: no admission waits beyond the timeout, the limits fall back to a share of each limit. */
class FallbackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void withRedisKilledNoAdmissionBlocksBeyondTheTimeoutAndLimitsFallBackToTheirShare() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            Limiter limiter = RedisLimits.builder(redis.uri())
                    .keyPrefix("fallback-test:")
                    .timeout(TIMEOUT)
                    .instances(4)
                    .limits(Limits.builder()
                            .binding(
                                    "openai:gpt-4o",
                                    RateLimit.builder()
                                            .requestsPerMinute(60)
                                            .requestsBurst(40)
                                            .build())
                            .build())
                    .build()
                    .create(new LimiterFactory.Context(null, Clock.systemUTC()));
            LimitedAttempt attempt =
                    LimitedAttempt.builder("chat", "openai", "gpt-4o").build();
            for (int i = 0; i < 20; i++) assertTrue(limiter.admit(attempt).isAdmitted(), "shared: 40 at once");
            redis.kill();
            int admitted = 0;
            long slowest = 0;
            for (int i = 0; i < 30; i++) {
                long t0 = System.nanoTime();
                Admission a = limiter.admit(attempt);
                slowest = Math.max(slowest, System.nanoTime() - t0);
                if (a.isAdmitted()) admitted++;
            }
            assertEquals(10, admitted, "the local share: 40 / 4 at once");
            assertTrue(
                    slowest < TIMEOUT.multipliedBy(5).toNanos(),
                    "slowest admission took " + slowest / 1_000_000 + " ms");
            limiter.close();
        }
    }
}
