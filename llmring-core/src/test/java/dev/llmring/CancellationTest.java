package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Cancelling a call or closing a stream aborts its HTTP exchange: the server sees the connection drop. */
class CancellationTest extends WireMockSupport {
    private static final long WAIT = 10;

    private final CountDownLatch cancelled = new CountDownLatch(1);

    private LlmRing.Builder ringOn(StallingServer stalling) {
        return ring().clock(Clock.systemUTC()).baseUrl("a", stalling.base()).listener(new LlmRingListener() {
            @Override
            public void callCancelled(Call call) {
                cancelled.countDown();
            }
        });
    }

    @Test
    void cancellingChatAsyncAbortsTheExchange() throws Exception {
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = ringOn(stalling).build()) {
            CompletableFuture<ChatResponse> future = ring.chatAsync(request("a:m1"));
            assertTrue(stalling.requestReceived.await(WAIT, TimeUnit.SECONDS));
            assertTrue(future.cancel(true));
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS), "the server saw the connection drop");
            assertTrue(cancelled.await(WAIT, TimeUnit.SECONDS), "the listener heard of it");
            assertTrue(future.isCancelled());
        }
    }

    @Test
    void cancellingChatAsyncDuringABackoffSleepEndsTheCall() throws Exception {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(503)));
        CountDownLatch sleeping = new CountDownLatch(1);
        Sleeper slow = d -> {
            sleeping.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        };
        try (LlmRing ring = ring().sleeper(slow)
                .listener(new LlmRingListener() {
                    @Override
                    public void callCancelled(Call call) {
                        cancelled.countDown();
                    }
                })
                .build()) {
            CompletableFuture<ChatResponse> future = ring.chatAsync(request("a:m1"));
            assertTrue(sleeping.await(WAIT, TimeUnit.SECONDS));
            future.cancel(true);
            assertTrue(cancelled.await(WAIT, TimeUnit.SECONDS), "the worker left its sleep");
        }
    }

    @Test
    void interruptingASynchronousCallAbortsTheExchange() throws Exception {
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = ringOn(stalling).build()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ring.chat(request("a:m1"));
                } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            assertTrue(stalling.requestReceived.await(WAIT, TimeUnit.SECONDS));
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(WAIT));
            assertInstanceOf(CancellationException.class, thrown.get());
            assertTrue(stillInterrupted.get());
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheClientAbortsASynchronousCallAndLeavesTheCallerUninterrupted() throws Exception {
        try (StallingServer stalling = new StallingServer("")) {
            LlmRing ring = ringOn(stalling).build();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> interrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ring.chat(request("a:m1"));
                } catch (Throwable t) {
                    thrown.set(t);
                    interrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            assertTrue(stalling.requestReceived.await(WAIT, TimeUnit.SECONDS));
            ring.close();
            caller.join(TimeUnit.SECONDS.toMillis(WAIT));
            assertInstanceOf(CancellationException.class, thrown.get());
            assertFalse(interrupted.get(), "the interrupt that aborted the exchange was cleared");
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheClientAbortsASynchronousCallWhoseBodyStalls() throws Exception {
        String headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
        try (StallingServer stalling = new StallingServer(headers)) {
            LlmRing ring = ringOn(stalling).build();
            CompletableFuture<Throwable> thrown = CompletableFuture.supplyAsync(() -> {
                try {
                    ring.chat(request("a:m1"));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(stalling.requestReceived.await(WAIT, TimeUnit.SECONDS));
            ring.close();
            assertInstanceOf(CancellationException.class, thrown.get(WAIT, TimeUnit.SECONDS));
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingAStreamAbortsTheExchange() throws Exception {
        try (StallingServer stalling = new StallingServer(StallingServer.SSE_HEADERS + "data: {\"text\":\"Hel\"}\n\n");
                LlmRing ring = ringOn(stalling).build()) {
            ChatStream stream = ring.stream(request("a:m1"));
            stream.close();
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS), "the server saw the connection drop");
            assertTrue(cancelled.await(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingAStreamFromAnotherThreadEndsABlockedIteration() throws Exception {
        try (StallingServer stalling = new StallingServer(StallingServer.SSE_HEADERS + "data: {\"text\":\"Hel\"}\n\n");
                LlmRing ring = ringOn(stalling).build()) {
            ChatStream stream = ring.stream(request("a:m1"));
            Iterator<StreamEvent> events = stream.iterator();
            events.next();
            CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(events::hasNext);
            stream.close();
            assertFalse(more.get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheClientAbortsCallsInFlight() throws Exception {
        try (StallingServer stalling = new StallingServer("")) {
            LlmRing ring = ringOn(stalling).build();
            CompletableFuture<ChatResponse> future = ring.chatAsync(request("a:m1"));
            assertTrue(stalling.requestReceived.await(WAIT, TimeUnit.SECONDS));
            ring.close();
            assertThrows(CancellationException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> ring.chat(request("a:m1")));
        }
    }
}
