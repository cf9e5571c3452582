package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {
    private static final Target T = new Target("a", "m1");

    private final FakeTime time = new FakeTime();
    private final CircuitBreakers breakers =
            new CircuitBreakers(CircuitBreakerPolicy.of(3, Duration.ofSeconds(30)), time);

    private void fail(int times) {
        for (int i = 0; i < times; i++) breakers.acquire(T).record(CircuitBreakers.Verdict.FAILED);
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        fail(2);
        assertNull(breakers.acquire(T).refusal());
        fail(1);
        assertTrue(breakers.acquire(T).refusal().startsWith("circuit breaker open"));
    }

    @Test
    void aSuccessResetsTheCount() {
        fail(2);
        breakers.acquire(T).record(CircuitBreakers.Verdict.HEALTHY);
        fail(2);
        assertNull(breakers.acquire(T).refusal());
    }

    @Test
    void afterTheOpenDurationExactlyOneProbeGoesThroughUnderConcurrency() throws Exception {
        fail(3);
        time.advance(Duration.ofSeconds(30));
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<CircuitBreakers.Permit>> permits = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<CircuitBreakers.Permit> acquire = () -> {
                    start.await();
                    return breakers.acquire(T);
                };
                permits.add(pool.submit(acquire));
            }
            start.countDown();
            int probes = 0;
            for (Future<CircuitBreakers.Permit> p : permits) {
                CircuitBreakers.Permit permit = p.get();
                if (permit.refusal() == null) {
                    assertTrue(permit.isProbe());
                    probes++;
                } else {
                    assertTrue(permit.refusal().contains("half-open"), permit.refusal());
                }
            }
            assertEquals(1, probes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessfulProbeClosesTheBreaker() {
        fail(3);
        time.advance(Duration.ofSeconds(31));
        breakers.acquire(T).record(CircuitBreakers.Verdict.HEALTHY);
        CircuitBreakers.Permit next = breakers.acquire(T);
        assertNull(next.refusal());
        assertTrue(!next.isProbe());
    }

    @Test
    void aFailedProbeReopensTheBreakerForAnotherOpenDuration() {
        fail(3);
        time.advance(Duration.ofSeconds(31));
        breakers.acquire(T).record(CircuitBreakers.Verdict.FAILED);
        assertNotNull(breakers.acquire(T).refusal());
        time.advance(Duration.ofSeconds(29));
        assertNotNull(breakers.acquire(T).refusal());
        time.advance(Duration.ofSeconds(1));
        assertTrue(breakers.acquire(T).isProbe());
    }

    @Test
    void aProbeThatLearntNothingLetsTheNextCallerProbe() {
        fail(3);
        time.advance(Duration.ofSeconds(31));
        breakers.acquire(T).record(CircuitBreakers.Verdict.UNKNOWN);
        assertTrue(breakers.acquire(T).isProbe());
    }

    @Test
    void breakersAreKeptPerBinding() {
        fail(3);
        assertNull(breakers.acquire(new Target("a", "m2")).refusal());
    }

    @Test
    void aDisabledPolicyNeverRefuses() {
        CircuitBreakers none = new CircuitBreakers(CircuitBreakerPolicy.disabled(), time);
        for (int i = 0; i < 100; i++) none.acquire(T).record(CircuitBreakers.Verdict.FAILED);
        assertNull(none.acquire(T).refusal());
    }
}
