package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link LlmRing.Builder#maxResponseBytes}: every answer the client holds in memory is capped; past the cap the answer
 * is refused with a {@link StreamException}, at once when its {@code Content-Length} says so, else as soon as the
 * bytes read pass it, never buffered further.
 */
class ResponseCapTest extends WireMockSupport {
    private static final int MB = 1024 * 1024;
    private static final long FIFTY_MB = 50L * MB;

    /** A subscription that records what the collector asked of it. */
    private static final class Recorded implements Flow.Subscription {
        boolean cancelled;
        long requested;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static Throwable failureOf(BodyCollector c) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.await(0));
        return e.getCause();
    }

    @Test
    void aBodyAnnouncedLargerThanTheCapIsRefusedBeforeAByteIsRead() {
        BodyCollector c = BodyCollector.refusing(MB, FIFTY_MB);
        Recorded s = new Recorded();
        c.onSubscribe(s);
        assertInstanceOf(BodyCollector.TooLarge.class, failureOf(c));
        assertTrue(s.cancelled);
        assertEquals(0, s.requested);
        assertEquals(0, c.capacity());
    }

    @Test
    void aBodyWithoutLengthIsRefusedOnceItPassesTheCapAndNeverBufferedBeyondIt() {
        BodyCollector c = BodyCollector.refusing(MB, -1);
        Recorded s = new Recorded();
        c.onSubscribe(s);
        ByteBuffer chunk = ByteBuffer.allocate(256 * 1024);
        for (long fed = 0; fed < FIFTY_MB; fed += chunk.capacity()) {
            c.onNext(List.of(chunk.clear()));
            assertTrue(c.capacity() <= MB, "buffer of " + c.capacity() + " bytes");
        }
        assertInstanceOf(BodyCollector.TooLarge.class, failureOf(c));
        assertTrue(s.cancelled);
    }

    @Test
    void anErrorBodyIsTruncatedAtItsCapNotRefused() throws Exception {
        BodyCollector c = BodyCollector.truncating(1024, -1);
        c.onSubscribe(new Recorded());
        c.onNext(List.of(ByteBuffer.allocate(4096)));
        assertEquals(1024, c.await(0).length);
    }

    private ResponseCapTest.Refused fiftyMegabytes(boolean announce) throws Exception {
        try (FloodingServer flood = new FloodingServer(FIFTY_MB, announce);
                LlmRing ring = ring().baseUrl("a", flood.base())
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            StreamException e = assertThrows(StreamException.class, () -> ring.chat(request("a:m1")));
            assertTrue(flood.done.await(10, TimeUnit.SECONDS), "the server saw the client hang up");
            return new Refused(e, flood.written.get());
        }
    }

    private record Refused(StreamException error, long written) {}

    @Test
    void aFiftyMegabyteAnswerWithItsLengthIsRefusedUnread() throws Exception {
        Refused r = fiftyMegabytes(true);
        assertTrue(
                r.error().getMessage().contains("larger than 8388608 bytes (maxResponseBytes)"),
                r.error().getMessage());
        assertTrue(r.written() < FIFTY_MB, "the server could write only what the sockets buffer: " + r.written());
    }

    @Test
    void aFiftyMegabyteAnswerWithoutLengthIsRefusedOnceItPassesTheCap() throws Exception {
        Refused r = fiftyMegabytes(false);
        assertTrue(
                r.error().getMessage().contains("maxResponseBytes"), r.error().getMessage());
        assertTrue(r.written() < FIFTY_MB, "the client stopped reading: " + r.written());
    }

    @Test
    void anAnswerOverTheCapFailsOverToTheNextBinding() throws Exception {
        server.stubFor(post("/b/chat").willReturn(answer("small")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (FloodingServer flood = new FloodingServer(4 * MB, true);
                LlmRing ring =
                        ring().baseUrl("a", flood.base()).maxResponseBytes(MB).build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("small", r.text());
            assertEquals("StreamException", r.trace().attempts().get(0).error().orElseThrow());
        }
    }

    @Test
    void anAnswerUnderTheCapIsServed() {
        server.stubFor(post("/a/chat").willReturn(answer("x".repeat(900))));
        try (LlmRing ring = ring().maxResponseBytes(1024).build()) {
            assertEquals(900, ring.chat(request("a:m1")).text().length());
        }
    }

    private static String deltas(int count, int size) {
        String piece = "x".repeat(size);
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"text\":\"" + piece + "\"}")
                .collect(Collectors.joining(",", "", ""));
    }

    @Test
    void aStreamWhoseAssembledTextPassesTheCapEndsWithAStreamException() {
        String[] frames = (deltas(30, 100) + ",{\"finish\":\"stop\"}").split(",(?=\\{\"(text|finish)\")");
        server.stubFor(post("/a/chat").willReturn(sseAnswer(sse(frames))));
        try (LlmRing ring = ring().maxResponseBytes(2048).build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            Iterator<StreamEvent> events = stream.iterator();
            StreamException e = assertThrows(StreamException.class, () -> {
                while (events.hasNext()) events.next();
            });
            assertTrue(e.getMessage().contains("larger than 2048 characters"), e.getMessage());
        }
    }

    @Test
    void aStreamEventLargerThanTheCapIsRefusedBeforeContent() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(sse(deltas(1, 4000), "{\"finish\":\"stop\"}"))));
        try (LlmRing ring =
                ring().maxResponseBytes(2048).retryPolicy(RetryPolicy.none()).build()) {
            StreamException e = assertThrows(StreamException.class, () -> ring.stream(request("a:m1")));
            assertTrue(e.getMessage().contains("2048"), e.getMessage());
        }
    }

    @Test
    void theCapMustBeAtLeastAKilobyte() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LlmRing.builder().maxResponseBytes(100));
        assertTrue(e.getMessage().contains("was 100"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
