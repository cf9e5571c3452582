package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final FakeTime clock = new FakeTime();

    private Duration parse(Map<String, String> headers) {
        return RetryAfter.fromHeaders(
                HttpHeaders.of(
                        headers.entrySet().stream()
                                .collect(java.util.stream.Collectors.toMap(
                                        Map.Entry::getKey, e -> List.of(e.getValue()))),
                        (a, b) -> true),
                clock);
    }

    @Test
    void deltaSeconds() {
        assertEquals(Duration.ofSeconds(30), parse(Map.of("Retry-After", "30")));
    }

    @Test
    void httpDateAgainstTheInjectedClock() {
        assertEquals(Duration.ofSeconds(90), parse(Map.of("Retry-After", "Wed, 01 Jan 2025 00:01:30 GMT")));
    }

    @Test
    void anHttpDateInThePastMeansNow() {
        assertEquals(Duration.ZERO, parse(Map.of("Retry-After", "Tue, 31 Dec 2024 23:00:00 GMT")));
    }

    @Test
    void retryAfterMsWinsAndMayBeFractional() {
        assertEquals(Duration.ofNanos(1_500_500_000L), parse(Map.of("retry-after-ms", "1500.5", "Retry-After", "3")));
    }

    @Test
    void garbageIsIgnored() {
        assertNull(parse(Map.of("Retry-After", "soon")));
        assertNull(parse(Map.of("retry-after-ms", "-5")));
        assertEquals(Duration.ofSeconds(2), parse(Map.of("retry-after-ms", "NaN", "Retry-After", "2")));
    }

    @Test
    void absurdDelaysAreCappedAtADay() {
        assertEquals(Duration.ofDays(1), parse(Map.of("Retry-After", "999999999999")));
    }
}
