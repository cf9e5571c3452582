package dev.llmring.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.Outcome;
import dev.llmring.limits.local.Limits;
import dev.llmring.limits.local.Period;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Four clients booking on one Redis ledger never go over the budget by more than what is in flight. */
class SharedLedgerTest extends RedisTestSupport {
    @Test
    void theSharedBudgetIsNeverPassed() throws Exception {
        BigDecimal budget = new BigDecimal("5.00");
        BigDecimal worst = new BigDecimal("0.10");
        RedisLimits shared = RedisLimits.builder(redis.uri())
                .keyPrefix("ledger-test:")
                .timeout(Duration.ofSeconds(1))
                .limits(Limits.builder()
                        .aliasBudget("chat", Period.DAY, budget)
                        .readLockfile(false)
                        .build())
                .build();
        LimitedAttempt attempt = LimitedAttempt.builder("chat", "openai", "gpt-4o")
                .worstCaseCost(worst)
                .build();
        AtomicInteger admitted = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        List<Limiter> limiters = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Limiter limiter = shared.create(new LimiterFactory.Context(null, Clock.systemUTC()));
            limiters.add(limiter);
            Thread t = new Thread(() -> {
                for (int i = 0; i < 60; i++) {
                    Admission a = limiter.admit(attempt);
                    if (!a.isAdmitted()) continue;
                    admitted.incrementAndGet();
                    BigDecimal real = new BigDecimal(ThreadLocalRandom.current().nextInt(5, 11)).movePointLeft(2);
                    a.permit()
                            .orElseThrow()
                            .settle(Outcome.builder().status(200).cost(real).build());
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) t.join();
        String account = "alias/chat/day/" + Period.DAY.label(java.time.Instant.now());
        BigDecimal booked = new RedisLedger(
                        new RedisLink(
                                io.lettuce.core.RedisURI.create(redis.uri()), Duration.ofSeconds(1), Clock.systemUTC()),
                        "ledger-test:",
                        1)
                .booked(account);
        limiters.forEach(Limiter::close);
        assertTrue(booked.compareTo(budget) <= 0, "booked " + booked);
        assertTrue(booked.compareTo(budget.subtract(worst)) > 0, "the budget was used up: " + booked);
        assertTrue(admitted.get() >= 50, "admitted " + admitted);
        assertEquals(0, booked.signum() < 0 ? 1 : 0);
    }
}
