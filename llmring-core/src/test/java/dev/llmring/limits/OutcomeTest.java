package dev.llmring.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {
    @Test
    void headersAreKeptInLowerCaseAndUnmodifiable() {
        Outcome o = Outcome.builder()
                .status(200)
                .headers(Map.of("X-RateLimit-Remaining-Requests", List.of("7")))
                .build();

        assertEquals(Map.of("x-ratelimit-remaining-requests", List.of("7")), o.headers());
        assertEquals(Optional.of("7"), o.header("X-RATELIMIT-REMAINING-REQUESTS"));
        assertThrows(UnsupportedOperationException.class, () -> o.headers().put("a", List.of("b")));
    }

    @Test
    void aBuilderUsedAgainAfterBuildDoesNotChangeTheOutcomeItBuilt() {
        Outcome.Builder b = Outcome.builder().headers(Map.of("a", List.of("1")));
        Outcome first = b.build();

        Outcome second = b.headers(Map.of("b", List.of("2"))).build();

        assertEquals(Map.of("a", List.of("1")), first.headers());
        assertEquals(Map.of("a", List.of("1"), "b", List.of("2")), second.headers());
    }

    @Test
    void noHeadersIsAnEmptyMap() {
        assertTrue(Outcome.builder().status(500).build().headers().isEmpty());
        assertTrue(Outcome.builder().headers(Map.of()).build().headers().isEmpty());
        assertEquals(Optional.empty(), Outcome.NOT_SENT.header("retry-after"));
    }
}
