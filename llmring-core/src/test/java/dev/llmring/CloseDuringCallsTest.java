package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.internal.http.HttpClientShutdown;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link LlmRing#close()} releases every caller at once: one sleeping in a backoff before a retry, one iterating a
 * stream, one asking for a stream's response. The stream bounds here are minutes long, so a caller that were not
 * released would hang the test (each wait below is bounded, failing it instead).
 */
class CloseDuringCallsTest extends WireMockSupport {
    private static final long WAIT = 10;
    private static final Timeouts LONG = Timeouts.defaults().toBuilder()
            .streamIdle(Duration.ofMinutes(5))
            .streamFirstEvent(Duration.ofMinutes(5))
            .build();

    private final CountDownLatch sleeping = new CountDownLatch(1);
    /** A backoff that would last five minutes unless interrupted. */
    private final Sleeper slow = d -> {
        sleeping.countDown();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    };

    /** What {@code call} threw on its own thread, and whether that thread was left interrupted. */
    private record Outcome(Throwable thrown, boolean interrupted) {}

    private static CompletableFuture<Outcome> onAThread(LlmRing ring, Consumer<LlmRing> call) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                call.accept(ring);
                outcome.completeExceptionally(new AssertionError("the call returned"));
            } catch (Throwable e) {
                outcome.complete(new Outcome(e, Thread.currentThread().isInterrupted()));
            }
        });
        t.setDaemon(true);
        t.start();
        return outcome;
    }

    private Outcome closeWhileSleeping(Consumer<LlmRing> call) throws Exception {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        LlmRing ring = ring().sleeper(slow).timeouts(LONG).build();
        CompletableFuture<Outcome> outcome = onAThread(ring, call);
        assertTrue(sleeping.await(WAIT, TimeUnit.SECONDS), "the call went to sleep before its retry");
        ring.close();
        return outcome.get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void closingTheClientWakesAChatCallerSleepingBeforeARetry() throws Exception {
        Outcome o = closeWhileSleeping(ring -> ring.chat(request("a:m1")));
        assertInstanceOf(CancellationException.class, o.thrown());
    }

    @Test
    void closingTheClientWakesAStreamCallerSleepingBeforeARetry() throws Exception {
        Outcome o = closeWhileSleeping(ring -> ring.stream(request("a:m1")).close());
        assertInstanceOf(CancellationException.class, o.thrown());
    }

    @Test
    void aCallerWokenByCloseIsLeftUninterrupted() throws Exception {
        Outcome o = closeWhileSleeping(ring -> ring.chat(request("a:m1")));
        assertFalse(o.interrupted(), "the interrupt that ended the sleep was cleared");
    }

    @Test
    void aCallerInterruptedInItsSleepKeepsItsInterrupt() throws Exception {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        try (LlmRing ring = ring().sleeper(slow).build()) {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    ring.chat(request("a:m1"));
                } catch (Throwable e) {
                    outcome.complete(new Outcome(e, Thread.currentThread().isInterrupted()));
                }
            });
            t.start();
            assertTrue(sleeping.await(WAIT, TimeUnit.SECONDS));
            t.interrupt();
            Outcome o = outcome.get(WAIT, TimeUnit.SECONDS);
            assertInstanceOf(CancellationException.class, o.thrown());
            assertTrue(o.interrupted());
        }
    }

    /** A stream whose first event was read, and its iterator. */
    private record Opened(ChatStream stream, Iterator<StreamEvent> events) {}

    private static Opened openStream(LlmRing ring) {
        ChatStream stream = ring.stream(request("a:m1"));
        Iterator<StreamEvent> events = stream.iterator();
        assertEquals(new StreamEvent.TextDelta("Hel"), events.next());
        return new Opened(stream, events);
    }

    private LlmRing ringOn(StallingServer stalling) {
        return ring().clock(Clock.systemUTC())
                .timeouts(LONG)
                .baseUrl("a", stalling.base())
                .build();
    }

    private static StallingServer streaming() throws java.io.IOException {
        return new StallingServer(StallingServer.SSE_HEADERS + "data: {\"text\":\"Hel\"}\n\n");
    }

    /** What {@code read} threw on another thread, the client closed before it started or while it waited. */
    private Throwable readWithClientClosed(StallingServer stalling, boolean whileWaiting, Read read) throws Exception {
        LlmRing ring = ringOn(stalling);
        Opened opened = openStream(ring);
        if (!whileWaiting) ring.close();
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> read.from(opened));
        if (whileWaiting) ring.close();
        return assertThrows(ExecutionException.class, () -> result.get(WAIT, TimeUnit.SECONDS))
                .getCause();
    }

    @FunctionalInterface
    private interface Read {
        Object from(Opened opened);
    }

    private static final Read HAS_NEXT = opened -> opened.events().hasNext();
    private static final Read RESPONSE = opened -> opened.stream().response();

    @Test
    void iteratingAStreamWhoseClientWasClosedThrowsCancellation() throws Exception {
        try (StallingServer stalling = streaming()) {
            assertInstanceOf(CancellationException.class, readWithClientClosed(stalling, false, HAS_NEXT));
        }
    }

    @Test
    void aStreamBlockedInIterationWhenItsClientClosesThrowsCancellation() throws Exception {
        try (StallingServer stalling = streaming()) {
            assertInstanceOf(CancellationException.class, readWithClientClosed(stalling, true, HAS_NEXT));
            assertTrue(stalling.clientClosed.await(WAIT, TimeUnit.SECONDS), "the exchange was aborted");
        }
    }

    @Test
    void theResponseOfAStreamWhoseClientWasClosedThrowsAtOnce() throws Exception {
        try (StallingServer stalling = streaming()) {
            assertInstanceOf(CancellationException.class, readWithClientClosed(stalling, false, RESPONSE));
        }
    }

    @Test
    void aStreamCutByCloseStaysCutWhenAskedAgain() throws Exception {
        try (StallingServer stalling = streaming()) {
            LlmRing ring = ringOn(stalling);
            ChatStream stream = openStream(ring).stream();
            ring.close();
            assertThrows(CancellationException.class, stream::response);
            assertThrows(CancellationException.class, stream::response);
        }
    }

    /** Whether {@code client} stops within a while: {@code awaitTermination}, Java 21+; false before. */
    private static boolean terminates(HttpClient client) throws Throwable {
        if (!HttpClientShutdown.available()) return false;
        MethodHandle await = MethodHandles.publicLookup()
                .findVirtual(
                        HttpClient.class, "awaitTermination", MethodType.methodType(boolean.class, Duration.class));
        return (boolean) await.invoke(client, Duration.ofSeconds(WAIT));
    }

    @Test
    void closingTheClientStopsItsHttpClientWhereTheJdkCan() throws Throwable {
        LlmRing ring = ring().build();
        HttpClient http = ring.httpClient();
        ring.close();
        // Java 21+ has HttpClient.shutdownNow; on 17 to 20 the client is left to the garbage collector
        assertEquals(HttpClientShutdown.available(), terminates(http));
    }

    @Test
    void aClientStillSharedByADerivedOneKeepsItsHttpClient() throws Exception {
        server.stubFor(post("/a/chat").willReturn(answer("still-here")));
        LlmRing ring = ring().build();
        try (LlmRing derived = ring.toBuilder().build()) {
            ring.close();
            assertEquals("still-here", derived.chat(request("a:m1")).text());
        }
    }
}
