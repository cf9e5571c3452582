package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.LlmRing;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Targets run interleaved, not one after another: whatever changes during a run (a shared machine's load, the
 * network) then hits every target alike. Checked on the order of the measured requests as the lens sent them.
 */
class InterleavingTest {
    private FakeOpenAi server;
    private LlmRing ring;
    private final List<Sample> samples = new ArrayList<>();

    private final Lens.Tap tap = new Lens.Tap() {
        @Override
        public void gap(long seq, long nanos) {}

        @Override
        public void sample(Sample sample) {
            synchronized (samples) {
                samples.add(sample);
            }
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAi(Duration.ofMillis(2), Duration.ofMillis(1), 3);
        ring = server.ring();
    }

    @AfterEach
    void stop() throws IOException {
        ring.close();
        server.close();
    }

    private List<String> targetsInOrder(Comparator<Sample> order) {
        return samples.stream().sorted(order).map(Sample::target).toList();
    }

    private static void assertAlternate(List<String> order) {
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i % 2 == 0 ? "openai:m1" : "openai:m2", order.get(i), "request " + i + " of " + order);
        }
    }

    @Test
    void aConstantRatesSendsAlternateEvenlyBetweenTargets() {
        LensReport report = Lens.builder(ring)
                .target("openai:m1")
                .target("openai:m2")
                .profile(LoadProfile.constant(40))
                .requests(10)
                .tap(tap)
                .build()
                .run();
        assertAlternate(targetsInOrder(Comparator.comparingLong(Sample::scheduled)));
        List<Sample> bySchedule = samples.stream()
                .sorted(Comparator.comparingLong(Sample::scheduled))
                .toList();
        for (int i = 1; i < bySchedule.size(); i++) {
            long gap = bySchedule.get(i).scheduled() - bySchedule.get(i - 1).scheduled();
            assertEquals(
                    12_500_000, gap, 1000, "40/s for each of two targets: a send every 12.5 ms"); // schedule arithmetic
        }
        for (TargetSummary t : report.targets()) assertEquals(10, t.succeeded(), t.toString());
    }

    @Test
    void sequentialSendsOneRequestAtATimeTheTargetsInTurn() {
        Lens.builder(ring)
                .target("openai:m1")
                .target("openai:m2")
                .requests(6)
                .warmup(0)
                .tap(tap)
                .build()
                .run();
        List<Sample> bySend =
                samples.stream().sorted(Comparator.comparingLong(Sample::sent)).toList();
        assertAlternate(bySend.stream().map(Sample::target).toList());
        for (int i = 1; i < bySend.size(); i++) {
            assertTrue(bySend.get(i).sent() >= bySend.get(i - 1).end(), "one at a time: " + i);
        }
    }

    @Test
    void everyTargetGetsTheSamePromptsInTheSameOrder() {
        Lens.builder(ring)
                .target("openai:m1")
                .target("openai:m2")
                .prompts(PromptSet.synthetic(3, 8, 8))
                .requests(5)
                .warmup(0)
                .tap(tap)
                .build()
                .run();
        List<String> first = prompts("openai:m1");
        assertEquals(List.of("synthetic-1", "synthetic-2", "synthetic-3", "synthetic-1", "synthetic-2"), first);
        assertEquals(first, prompts("openai:m2"));
    }

    private List<String> prompts(String target) {
        return samples.stream()
                .filter(s -> s.target().equals(target))
                .sorted(Comparator.comparingLong(Sample::sent))
                .map(Sample::promptId)
                .toList();
    }

    @Test
    void aConcurrentRunKeepsEveryTargetBusyAtOnce() {
        Lens.builder(ring)
                .target("openai:m1")
                .target("openai:m2")
                .profile(LoadProfile.concurrent(2))
                .requests(8)
                .warmup(0)
                .tap(tap)
                .build()
                .run();
        long m1Start = start("openai:m1");
        long m1End = end("openai:m1");
        long m2Start = start("openai:m2");
        long m2End = end("openai:m2");
        assertTrue(m2Start < m1End && m1Start < m2End, "the two targets' requests overlap in time");
    }

    private long start(String target) {
        return samples.stream()
                .filter(s -> s.target().equals(target))
                .mapToLong(Sample::sent)
                .min()
                .orElseThrow();
    }

    private long end(String target) {
        return samples.stream()
                .filter(s -> s.target().equals(target))
                .mapToLong(Sample::end)
                .max()
                .orElseThrow();
    }

    @Test
    void aSweepGoesOnForTheTargetsThatHoldAfterAnotherStops() {
        LensReport report = Lens.builder(ring)
                .target("openai:broken")
                .target("openai:m1")
                .profile(LoadProfile.sweep(20, 2, 3))
                .requests(4)
                .warmup(0)
                .build()
                .run();
        TargetSummary broken = report.targets().get(0);
        TargetSummary m1 = report.targets().get(1);
        assertEquals("openai:broken", broken.target());
        assertEquals(1, broken.steps().size());
        assertTrue(
                broken.stopped().orElseThrow().startsWith("error rate"),
                broken.stopped().toString());
        assertEquals(3, m1.steps().size());
        assertTrue(m1.stopped().isEmpty(), m1.stopped().toString());
    }
}
