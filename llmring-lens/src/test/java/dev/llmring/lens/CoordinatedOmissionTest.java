package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.LlmRing;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-second server stall during a constant-rate run. One request at a time may be in flight, as with a client
 * whose connection pool is full: while the server stalls, the requests due meanwhile cannot go out. Measured from
 * their scheduled send time they waited up to a second, and the corrected p99 shows it; measured from when they
 * actually went out (service time) only the one stalled request was slow, and the service-time p99 does not.
 */
class CoordinatedOmissionTest {
    private static TargetSummary summary;

    @BeforeAll
    static void run() throws Exception {
        try (FakeOpenAi server = new FakeOpenAi(Duration.ofMillis(2), Duration.ofMillis(1), 3);
                LlmRing ring = server.ring()) {
            server.stallOnRequest(60, Duration.ofSeconds(1)); // the warm-up request is number 1
            summary = Lens.builder(ring)
                    .target("openai:m1")
                    .profile(LoadProfile.constant(50))
                    .requests(250)
                    .maxRequests(300)
                    .maxInFlight(1)
                    .build()
                    .run()
                    .targets()
                    .get(0);
        }
    }

    @Test
    void theStallShowsInTheCorrectedP99() {
        assertTrue(summary.e2e().p99().toMillis() >= 800, summary.e2e().toString());
    }

    @Test
    void theServiceTimeP99HidesTheStall() {
        assertTrue(
                summary.e2eService().p99().toMillis() < 400,
                summary.e2eService().toString());
    }

    @Test
    void theWaitIsReportedAsScheduleLag() {
        assertTrue(
                summary.scheduleLag().p99().toMillis() >= 800,
                summary.scheduleLag().toString());
    }
}
