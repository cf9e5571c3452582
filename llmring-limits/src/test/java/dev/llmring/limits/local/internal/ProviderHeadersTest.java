package dev.llmring.limits.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OpenAI's reset headers are Go durations. */
class ProviderHeadersTest {

    @Test
    void goDurationsAsOpenAiWritesThemAreRead() {
        assertEquals(Duration.ofMinutes(6), ProviderHeaders.goDuration("6m0s"));
        assertEquals(Duration.ofSeconds(1), ProviderHeaders.goDuration("1s"));
        assertEquals(Duration.ofMillis(120), ProviderHeaders.goDuration("120ms"));
        assertEquals(Duration.ofMillis(3_723_500), ProviderHeaders.goDuration("1h2m3.5s"));
    }

    @Test
    void aMalformedDurationIsIgnored() {
        assertNull(ProviderHeaders.goDuration("soon"));
        assertNull(ProviderHeaders.goDuration("5x"));
        assertNull(ProviderHeaders.goDuration(""));
    }
}
