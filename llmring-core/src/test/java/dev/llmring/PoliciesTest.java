package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small immutable configs: defaults, validation that names the bad value, backoff arithmetic. */
class PoliciesTest {

    @Test
    void fullJitterBackoffDoublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.builder()
                .baseDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(1))
                .build();
        assertEquals(Duration.ofMillis(100), p.backoff(1, 1.0));
        assertEquals(Duration.ofMillis(400), p.backoff(3, 1.0));
        assertEquals(Duration.ofSeconds(1), p.backoff(60, 1.0));
        assertEquals(Duration.ZERO, p.backoff(5, 0.0));
    }

    @Test
    void setterMessagesNameTheBadValue() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Timeouts.builder().deadline(Duration.ofSeconds(-3)));
        assertTrue(e.getMessage().contains("deadline") && e.getMessage().contains("PT-3S"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));
        assertTrue(e.getMessage().contains("was 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CircuitBreakerPolicy.of(0, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("was 0"), e.getMessage());
    }

    @Test
    void maxDelayShorterThanBaseDelayIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder()
                .baseDelay(Duration.ofSeconds(2))
                .maxDelay(Duration.ofSeconds(1))
                .build());
    }

    @Test
    void configsAreValuesThatRoundTripThroughTheirBuilders() {
        assertEquals(Timeouts.defaults(), Timeouts.defaults().toBuilder().build());
        assertEquals(RetryPolicy.defaults(), RetryPolicy.defaults().toBuilder().build());
        assertEquals(1, RetryPolicy.none().maxAttempts());
        assertTrue(!CircuitBreakerPolicy.disabled().isEnabled());
    }
}
