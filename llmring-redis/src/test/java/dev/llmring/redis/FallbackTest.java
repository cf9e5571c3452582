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

    /** 60 a minute, 40 at once, shared by 4 instances (10 each while Redis is down). */
    private static Limiter limiter(RedisProcess redis, String prefix, Clock clock) {
        return RedisLimits.builder(redis.uri())
                .keyPrefix(prefix)
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
                .create(new LimiterFactory.Context(null, clock));
    }

    @Test
    void withRedisKilledNoAdmissionBlocksBeyondTheTimeoutAndLimitsFallBackToTheirShare() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            Limiter limiter = limiter(redis, "fallback-test:", Clock.systemUTC());
            LimitedAttempt attempt = RedisTestSupport.ATTEMPT;
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

    @Test
    void whenRedisIsBackTheLimitsAreSharedAgain() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            MutableClock clock = new MutableClock();
            Limiter limiter = limiter(redis, "return-test:", clock);
            LimitedAttempt attempt = RedisTestSupport.ATTEMPT;
            assertTrue(limiter.admit(attempt).isAdmitted());
            redis.kill();
            for (int i = 0; i < 10; i++) limiter.admit(attempt); // the local share (10) is spent
            assertTrue(limiter.admit(attempt).isLimited());
            redis.start(); // a fresh Redis on the same port: its bucket is full
            int admitted = 0;
            for (int round = 0; round < 100 && admitted == 0; round++) {
                clock.advance(Duration.ofSeconds(2)); // past the backoff
                Thread.sleep(100); // Lettuce reconnects in the background
                if (limiter.admit(attempt).isAdmitted()) admitted++;
            }
            for (int i = 0; i < 20; i++) if (limiter.admit(attempt).isAdmitted()) admitted++;
            assertTrue(admitted > 10, "admitted " + admitted + " after Redis came back: more than the local share");
            limiter.close();
        }
    }

    /** A clock the test moves (the backoff before Redis is tried again is on the limiter's clock). */
    static final class MutableClock extends Clock {
        private volatile java.time.Instant now = java.time.Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
