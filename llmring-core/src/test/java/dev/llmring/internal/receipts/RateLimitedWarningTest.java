package dev.llmring.internal.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitedWarningTest {
    private Instant now = Instant.parse("2025-10-02T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<String> lines = new ArrayList<>();
    private final RateLimitedWarning warning = new RateLimitedWarning(clock, Duration.ofMinutes(1), lines::add);

    @Test
    void warnsAtMostOncePerIntervalWithTheCountSinceTheLastWarning() {
        warning.dropped("server down");
        for (int i = 0; i < 99; i++) {
            now = now.plusMillis(100);
            warning.dropped("server down");
        }
        assertEquals(1, lines.size());

        now = now.plus(Duration.ofMinutes(1));
        warning.dropped("server down");

        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("dropped 100 usage log records"), lines.get(1));
    }
}
