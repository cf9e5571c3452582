package dev.llmring.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.Permit;
import dev.llmring.limits.local.Limits;
import dev.llmring.limits.local.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Four clients on separate connections to one real Redis hold one limit between them. */
class SharedLimitsTest extends RedisTestSupport {
    @Test
    void fourClientsOfferedTenTimesTheLimitForTenSecondsAdmitAtMostOnePercentOver() throws Exception {
        long perMinute = 600; // 10 a second
        long burst = 10;
        RedisLimits shared = RedisLimits.builder(redis.uri())
                .keyPrefix("shared-test:")
                .timeout(Duration.ofSeconds(1))
                .limits(Limits.builder()
                        .binding(
                                "openai:gpt-4o",
                                RateLimit.builder()
                                        .requestsPerMinute(perMinute)
                                        .requestsBurst(burst)
                                        .build())
                        .build())
                .build();
        LimitedAttempt attempt = ATTEMPT;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger offered = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(10).toNanos();
        List<Thread> clients = new ArrayList<>();
        List<Limiter> limiters = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Limiter limiter = shared.create(new LimiterFactory.Context(null, Clock.systemUTC()));
            limiters.add(limiter);
            Thread t = new Thread(() -> {
                // each client offers 25 a second: the four together 100 a second, ten times the limit
                for (int i = 0; i < 250 && System.nanoTime() < end; i++) {
                    offered.incrementAndGet();
                    if (limiter.admit(attempt).isAdmitted()) admitted.incrementAndGet();
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        limiters.forEach(Limiter::close);
        double allowed = burst + perMinute / 60.0 * seconds;
        assertTrue(offered.get() > 5 * allowed, "offered " + offered + " against " + allowed + " allowed");
        assertTrue(
                admitted.get() <= allowed * 1.01,
                "admitted " + admitted + " of " + offered + ", allowed " + allowed + " in " + seconds + " s");
        assertTrue(admitted.get() >= allowed * 0.8, "admitted " + admitted + ", allowed " + allowed);
    }

    @Test
    void aConcurrencyLimitHoldsAcrossClients() {
        RedisLimits shared = RedisLimits.builder(redis.uri())
                .keyPrefix("slots-test:")
                .timeout(Duration.ofSeconds(1))
                .limits(Limits.builder()
                        .provider(
                                "openai",
                                RateLimit.builder().maxConcurrentRequests(2).build())
                        .build())
                .build();
        LimitedAttempt attempt = ATTEMPT;
        Limiter one = shared.create(new LimiterFactory.Context(null, Clock.systemUTC()));
        Limiter two = shared.create(new LimiterFactory.Context(null, Clock.systemUTC()));
        Permit first = one.admit(attempt).permit().orElseThrow();
        assertTrue(two.admit(attempt).isAdmitted());
        assertTrue(one.admit(attempt).isLimited());
        assertTrue(two.admit(attempt).isLimited());
        first.release();
        assertTrue(two.admit(attempt).isAdmitted());
        one.close();
        two.close();
    }
}
