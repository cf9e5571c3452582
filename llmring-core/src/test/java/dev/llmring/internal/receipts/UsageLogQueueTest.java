package dev.llmring.internal.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class UsageLogQueueTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final RateLimitedWarning warning =
            new RateLimitedWarning(Clock.systemUTC(), Duration.ofMinutes(1), warnings::add);

    @Test
    void offerNeverBlocksWhileTheSenderIsStuck() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UsageLogQueue<String> queue = new UsageLogQueue<>(
                2,
                item -> {
                    started.countDown();
                    release.await();
                },
                Duration.ofSeconds(5),
                warning,
                "test-usage-log");

        assertTrue(queue.offer("first"));
        started.await();
        // The guard proves "does not block", it measures nothing: a blocking offer would hang here.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertTrue(queue.offer("second"));
            for (int i = 0; i < 8; i++) {
                assertFalse(queue.offer("overflow-" + i));
            }
        });

        assertEquals(8, queue.droppedCount());
        release.countDown();
        queue.close();
        assertEquals(2, queue.sentCount());
    }

    @Test
    void failedSendIsDroppedCountedAndWarnedAbout() {
        UsageLogQueue<String> queue = new UsageLogQueue<>(
                10,
                item -> {
                    throw new IllegalStateException("server answered 500");
                },
                Duration.ofSeconds(5),
                warning,
                "test-usage-log");

        queue.offer("a");
        queue.close();

        assertEquals(1, queue.droppedCount());
        assertEquals(0, queue.sentCount());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("server answered 500"), warnings.get(0));
    }

    @Test
    void closeFlushesEverythingQueued() {
        List<String> sent = new CopyOnWriteArrayList<>();
        UsageLogQueue<String> queue = new UsageLogQueue<>(100, sent::add, Duration.ofSeconds(5), warning, "test");
        for (int i = 0; i < 50; i++) {
            queue.offer("r" + i);
        }

        queue.close();

        assertEquals(50, sent.size());
        assertEquals(0, queue.droppedCount());
        assertEquals(0, queue.pendingCount());
    }

    @Test
    void closeWaitsAtMostTheCloseTimeoutThenDropsWhatIsLeft() {
        UsageLogQueue<String> queue =
                new UsageLogQueue<>(10, item -> new CountDownLatch(1).await(), Duration.ofMillis(20), warning, "test");
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");

        assertTimeoutPreemptively(Duration.ofSeconds(10), queue::close);

        assertEquals(3, queue.droppedCount());
        assertEquals(0, queue.sentCount());
        assertEquals(0, queue.pendingCount());
    }

    @Test
    void offerAfterCloseIsDropped() {
        UsageLogQueue<String> queue = new UsageLogQueue<>(10, item -> {}, Duration.ofSeconds(1), warning, "test");
        queue.close();

        assertFalse(queue.offer("late"));
        assertEquals(1, queue.droppedCount());
    }
}
