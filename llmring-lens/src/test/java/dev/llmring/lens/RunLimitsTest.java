package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.LlmRing;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Safe by default: limits refuse unconfirmed runs; sweeps stop where an SLO or the error rate says so. */
class RunLimitsTest {
    private FakeOpenAi server;
    private LlmRing ring;

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAi(Duration.ofMillis(3), Duration.ofMillis(1), 3);
        ring = server.ring();
    }

    @AfterEach
    void stop() throws IOException {
        ring.close();
        server.close();
    }

    @Test
    void aPlanPastMaxRequestsIsRefusedBeforeAnythingIsSent() {
        Lens lens = Lens.builder(ring)
                .target("openai:m1")
                .requests(50)
                .maxRequests(20)
                .build();
        LensException e = assertThrows(LensException.class, lens::run);
        assertTrue(e.getMessage().contains("51 requests"), e.getMessage());
        assertEquals(0, server.requests.get());
    }

    @Test
    void aConfirmedRunGoesPastMaxRequests() {
        LensReport report = Lens.builder(ring)
                .target("openai:m1")
                .requests(12)
                .warmup(0)
                .maxRequests(5)
                .confirmed(true)
                .build()
                .run();
        assertEquals(12, report.targets().get(0).succeeded());
    }

    @Test
    void aSweepStopsAtTheFirstStepThatBreaksTheSlo() {
        LensReport report = Lens.builder(ring)
                .target("openai:m1")
                .profile(LoadProfile.sweep(20, 2, 4))
                .requests(5)
                .slo(Slo.parse("ttft=1ms"))
                .build()
                .run();
        TargetSummary t = report.targets().get(0);
        assertEquals(1, t.steps().size());
        assertTrue(
                t.stopped().orElseThrow().startsWith("SLO broken"), t.stopped().toString());
    }

    @Test
    void aSweepStopsWhenTheErrorRatePassesItsLimit() {
        LensReport report = Lens.builder(ring)
                .target("openai:broken")
                .profile(LoadProfile.sweep(20, 2, 4))
                .requests(5)
                .warmup(0)
                .build()
                .run();
        TargetSummary t = report.targets().get(0);
        assertEquals(1, t.steps().size());
        assertTrue(
                t.stopped().orElseThrow().startsWith("error rate 100.0%"),
                t.stopped().toString());
        assertEquals(
                5L,
                t.errorsByType().get("ProviderUnavailableException"),
                t.errorsByType().toString());
    }

    @Test
    void aClosedLoopRunForADurationStopsAtMaxRequests() {
        LensReport report = Lens.builder(ring)
                .target("openai:m1")
                .profile(LoadProfile.concurrent(2))
                .duration(Duration.ofSeconds(30))
                .warmup(0)
                .maxRequests(10)
                .build()
                .run();
        assertEquals(10, report.targets().get(0).requests());
        assertTrue(report.stopped().orElseThrow().contains("--max-requests 10"));
    }
}
