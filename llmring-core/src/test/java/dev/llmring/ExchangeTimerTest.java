package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounds fire once their time has passed, unless closed; only order is asserted, never how long anything took. */
class ExchangeTimerTest {
    private static final long WAIT = 10;
    private static final long MS = 1_000_000L;

    private final ExchangeTimer timer = new ExchangeTimer();

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void aBoundFiresOnceItsTimeHasPassed() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        timer.start(20 * MS, fired::countDown);
        assertTrue(fired.await(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void aClosedBoundNeverFires() throws InterruptedException {
        AtomicInteger closedFired = new AtomicInteger();
        CountDownLatch later = new CountDownLatch(1);
        timer.start(20 * MS, closedFired::incrementAndGet).close();
        timer.start(60 * MS, later::countDown);
        assertTrue(later.await(WAIT, TimeUnit.SECONDS));
        assertEquals(0, closedFired.get());
    }

    @Test
    void anEarlierBoundWakesATimerWaitingForALaterOne() throws InterruptedException {
        CountDownLatch late = new CountDownLatch(1);
        CountDownLatch early = new CountDownLatch(1);
        timer.start(TimeUnit.MINUTES.toNanos(10), late::countDown);
        timer.start(20 * MS, early::countDown);
        assertTrue(early.await(WAIT, TimeUnit.SECONDS));
        assertFalse(late.await(0, TimeUnit.SECONDS));
    }

    @Test
    void boundsFireInTheOrderOfTheirEnds() throws InterruptedException {
        StringBuffer order = new StringBuffer();
        CountDownLatch both = new CountDownLatch(2);
        timer.start(80 * MS, () -> {
            order.append("second");
            both.countDown();
        });
        timer.start(10 * MS, () -> {
            order.append("first,");
            both.countDown();
        });
        assertTrue(both.await(WAIT, TimeUnit.SECONDS));
        assertEquals("first,second", order.toString());
    }

    @Test
    void aFailingExpiryActionDoesNotStopTheTimer() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        timer.start(5 * MS, () -> {
            throw new IllegalStateException("boom");
        });
        timer.start(40 * MS, after::countDown);
        assertTrue(after.await(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void anIdleThreadEndsAndTheNextBoundStartsAnother() throws InterruptedException {
        ExchangeTimer quick = new ExchangeTimer(20 * MS);
        try {
            CountDownLatch first = new CountDownLatch(1);
            quick.start(MS, first::countDown);
            assertTrue(first.await(WAIT, TimeUnit.SECONDS));
            for (int i = 0; i < 1000 && quick.running(); i++) Thread.sleep(10);
            assertFalse(quick.running(), "the idle thread ended");
            CountDownLatch second = new CountDownLatch(1);
            quick.start(MS, second::countDown);
            assertTrue(second.await(WAIT, TimeUnit.SECONDS));
        } finally {
            quick.stop();
        }
    }

    @Test
    void expiryInterruptsOnlyTheExchangeItBounds() {
        CallControl control = new CallControl();
        Object first = new Object();
        Object second = new Object();
        control.sending(second);
        control.expire(first); // a late expiry of an earlier exchange
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(control.expired());
        control.expire(second);
        assertTrue(Thread.currentThread().isInterrupted());
        assertTrue(control.expired());
        control.sending(null);
        assertFalse(Thread.interrupted(), "unregistering clears the interrupt the expiry gave");
        assertFalse(control.expired());
    }
}
