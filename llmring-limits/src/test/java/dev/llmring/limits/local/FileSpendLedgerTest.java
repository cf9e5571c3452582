package dev.llmring.limits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.SpendLedger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file ledger: survives a restart, replaces its file whole, never admits past the budget. */
class FileSpendLedgerTest {
    private static final Instant END = Instant.parse("2026-08-01T00:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    @Test
    void whatWasBookedSurvivesANewLedgerOnTheSameFile() {
        Path file = dir.resolve("spend.tsv");
        FileSpendLedger.of(file, clock)
                .reserve("alias/chat/month/2026-07", new BigDecimal("0.30"), BigDecimal.ONE, END)
                .orElseThrow()
                .settle(new BigDecimal("0.25"));
        assertEquals(new BigDecimal("0.25"), FileSpendLedger.of(file, clock).booked("alias/chat/month/2026-07"));
    }

    @Test
    void anUnsettledReservationStaysBookedAtItsWorstCase() {
        Path file = dir.resolve("spend.tsv");
        FileSpendLedger.of(file, clock).reserve("a", new BigDecimal("0.30"), BigDecimal.ONE, END);
        assertEquals(new BigDecimal("0.30"), FileSpendLedger.of(file, clock).booked("a"));
    }

    @Test
    void theFileIsReplacedWholeWithNoTemporaryLeft() throws Exception {
        Path file = dir.resolve("spend.tsv");
        FileSpendLedger.of(file, clock).reserve("a", BigDecimal.ONE, BigDecimal.TEN, END);
        assertEquals(List.of("# llmring spend ledger v1", "a\t1\t" + END.getEpochSecond()), Files.readAllLines(file));
        assertFalse(Files.exists(dir.resolve("spend.tsv.tmp")));
    }

    @Test
    void anEndedPeriodIsDroppedOnTheNextWrite() {
        Path file = dir.resolve("spend.tsv");
        SpendLedger ledger = FileSpendLedger.of(file, clock);
        ledger.reserve("old", BigDecimal.ONE, BigDecimal.TEN, clock.instant().plusSeconds(1));
        clock.advance(java.time.Duration.ofSeconds(2));
        ledger.reserve("new", BigDecimal.ONE, BigDecimal.TEN, END);
        assertEquals(0, ledger.booked("old").signum());
    }

    @Test
    void threadsReservingAtOnceNeverPassTheLimit() throws Exception {
        SpendLedger ledger = FileSpendLedger.of(dir.resolve("spend.tsv"), clock);
        AtomicInteger admitted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    if (ledger.reserve("a", new BigDecimal("0.1"), BigDecimal.ONE, END)
                            .isPresent()) admitted.incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) t.join();
        assertEquals(10, admitted.get());
        assertTrue(ledger.booked("a").compareTo(BigDecimal.ONE) == 0);
    }
}
