package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Schedules, profiles and SLOs: the arithmetic under the runner. */
class ProfileAndSloTest {
    @Test
    void aConstantScheduleIsEvenlySpaced() {
        Schedule s = Schedule.constant(4);
        assertEquals(0, s.next());
        assertEquals(250_000_000L, s.next());
        assertEquals(500_000_000L, s.next());
    }

    @Test
    void aPoissonScheduleKeepsItsMeanRate() {
        Schedule s = Schedule.gamma(10, 1, 42);
        long last = 0;
        for (int i = 0; i < 20_000; i++) last = s.next();
        assertEquals(10.0, 20_000 / (last / 1e9), 0.3);
    }

    @Test
    void aBurstierScheduleKeepsItsMeanRateToo() {
        Schedule s = Schedule.gamma(10, 0.3, 42);
        long last = 0;
        for (int i = 0; i < 20_000; i++) last = s.next();
        assertEquals(10.0, 20_000 / (last / 1e9), 0.5);
    }

    @Test
    void sweepRatesRiseByTheFactor() {
        LoadProfile p = LoadProfile.sweep(2, 1.5, 4);
        assertEquals(4.5, p.rateAt(2), 1e-9);
    }

    @Test
    void aNonPositiveRateIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadProfile.constant(0));
        assertTrue(e.getMessage().contains("got 0.0"), e.getMessage());
    }

    @Test
    void anSloParsesEveryKey() {
        Slo slo = Slo.parse("ttft=500ms, e2e=1.5s, tpot=40ms, attainment=0.9");
        assertEquals(Duration.ofMillis(500), slo.ttft().orElseThrow());
        assertEquals(Duration.ofMillis(1500), slo.e2e().orElseThrow());
        assertEquals(Duration.ofMillis(40), slo.tpot().orElseThrow());
        assertEquals(0.9, slo.attainment());
    }

    @Test
    void anUnknownSloKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Slo.parse("latency=1s"));
        assertTrue(e.getMessage().contains("'latency'"), e.getMessage());
    }

    @Test
    void aRequestIsGoodOnlyWithinEveryBound() {
        Slo slo = Slo.parse("ttft=100ms,e2e=1s");
        assertTrue(slo.good(50_000_000, 900_000_000, -1));
        assertFalse(slo.good(150_000_000, 900_000_000, -1));
        assertFalse(slo.good(50_000_000, 1_100_000_000, -1));
    }
}
