package dev.llmring;

import java.util.Iterator;

/**
 * A streamed answer: iterate over its {@link StreamEvent}s as they arrive, then ask for the assembled
 * {@link #response()}. <strong>Must be closed</strong> (use try-with-resources); closing before the end aborts the
 * HTTP exchange.
 *
 * <pre>{@code
 * try (ChatStream stream = ring.stream(request)) {
 *     for (StreamEvent event : stream) {
 *         if (event instanceof StreamEvent.TextDelta d) System.out.print(d.text());
 *     }
 *     System.out.println(stream.response().usage());
 * }
 * }</pre>
 *
 * <p>{@link LlmRing#stream} returns once the first content event is ready; every failure before that point was
 * retried and failed over there. Iteration throws only what can happen after it: a {@link StreamException} (its
 * cause the typed provider error, if any) or a {@link LlmRingTimeoutException} (idle or deadline), and
 * {@link java.util.concurrent.CancellationException} once the {@link LlmRing} it came from was closed (or the
 * iterating thread interrupted): a stream cut that way never looks complete. A stream the caller closed itself simply
 * has no more events.
 */
public interface ChatStream extends Iterable<StreamEvent>, AutoCloseable {

    /**
     * The events; may be iterated once.
     *
     * @throws IllegalStateException when iterated a second time
     */
    @Override
    Iterator<StreamEvent> iterator();

    /**
     * The complete response, assembled from the events. Consumes the rest of the stream if it was not read to its
     * end.
     *
     * @return the response, the same on every call
     * @throws LlmRingException when the stream failed
     * @throws java.util.concurrent.CancellationException when its client was closed before the stream's end
     * @throws IllegalStateException when the caller closed the stream before its end
     */
    ChatResponse response();

    /** Aborts the exchange if it is still running. Idempotent; never throws. */
    @Override
    void close();
}
