package dev.llmring.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.Outcome;
import dev.llmring.limits.Permit;
import dev.llmring.limits.local.Limits;
import dev.llmring.limits.local.Period;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Spend booked while Redis was unreachable is added to the shared ledger once Redis answers again: a real
 * {@code redis-server} that keeps its data (append-only file) is killed and started again on the same port.
 */
class OutageSpendTest {
    private static final String PREFIX = "outage-spend:";

    @Test
    void spendBookedDuringAnOutageIsCopiedToRedisWhenItIsBack() throws Exception {
        try (RedisProcess redis = new RedisProcess(true);
                RedisClient client = RedisClient.create(redis.uri().toString())) {
            FallbackTest.MutableClock clock = new FallbackTest.MutableClock();
            Limiter limiter = RedisLimits.builder(redis.uri())
                    .keyPrefix(PREFIX)
                    .timeout(Duration.ofSeconds(1))
                    .instances(2)
                    .limits(Limits.builder()
                            .aliasBudget("chat", Period.DAY, new BigDecimal("10"))
                            .readLockfile(false)
                            .build())
                    .build()
                    .create(new LimiterFactory.Context(null, clock));
            LimitedAttempt attempt = LimitedAttempt.builder("chat", "openai", "gpt-4o")
                    .worstCaseCost(new BigDecimal("0.10"))
                    .build();
            String key = PREFIX + "spend:alias/chat/day/" + Period.DAY.label(clock.instant());

            settle(admit(limiter, attempt), "0.05"); // in Redis
            Permit inFlight = admit(limiter, attempt); // 0.10 reserved in Redis
            assertEquals(new BigDecimal("0.15"), booked(client, key));

            redis.kill();
            settle(inFlight, "0.04"); // Redis is gone: 0.10 - 0.04 is owed back
            for (int i = 0; i < 3; i++) settle(admit(limiter, attempt), "0.07"); // on the local ledger
            redis.start(); // the same data, from its append-only file
            assertEquals(new BigDecimal("0.15"), booked(client, key), "nothing of the outage reached Redis yet");

            BigDecimal expected = new BigDecimal("0.30"); // 0.05 + 0.04 + 3 × 0.07
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            BigDecimal seen = booked(client, key);
            while (seen.compareTo(expected) != 0 && System.nanoTime() < deadline) {
                clock.advance(Duration.ofSeconds(2)); // past the backoff
                settle(admit(limiter, attempt), "0"); // a call that costs nothing, wherever it is booked
                seen = booked(client, key);
                if (seen.compareTo(expected) != 0) Thread.sleep(50); // Lettuce reconnects in the background
            }
            assertEquals(0, seen.compareTo(expected), "booked in Redis after it came back: " + seen);
            settle(admit(limiter, attempt), "0.05"); // shared again, and nothing is copied twice
            assertEquals(0, booked(client, key).compareTo(new BigDecimal("0.35")));
            limiter.close();
        }
    }

    private static Permit admit(Limiter limiter, LimitedAttempt attempt) {
        Admission a = limiter.admit(attempt);
        assertTrue(a.isAdmitted(), a::toString);
        return a.permit().orElseThrow();
    }

    private static void settle(Permit permit, String usd) {
        permit.settle(Outcome.builder().status(200).cost(new BigDecimal(usd)).build());
    }

    private static BigDecimal booked(RedisClient client, String key) {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            String v = c.sync().get(key);
            return v == null
                    ? BigDecimal.ZERO
                    : new BigDecimal(v).movePointLeft(9).stripTrailingZeros();
        }
    }
}
