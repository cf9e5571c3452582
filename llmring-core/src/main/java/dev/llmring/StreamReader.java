package dev.llmring;

import dev.llmring.spi.ProviderAdapter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The consumer side of a streamed exchange: takes the next event from its {@link StreamSubscriber} under the stream
 * timeouts and turns markers into exceptions. Until the first complete frame arrives it waits at most until
 * {@code sent + streamFirstEvent}; after that at most {@code streamIdle} for each next complete frame (an event,
 * a keep-alive comment, a ping); never past the call's deadline. The bounds count frames, not bytes: bytes that
 * complete no frame (a server trickling one byte at a time) never restart them. Used on one thread at a time (the
 * router's, then the caller's while iterating).
 *
 * <p>The two stream bounds are measured on {@link System#nanoTime()}, like every wait; the deadline on the client's
 * clock.
 */
final class StreamReader {
    private final StreamSubscriber subscriber;
    private final Target target;
    private final ProviderAdapter adapter;
    private final int status;
    private final HttpHeaders headers;
    private final Failures failures;
    private final Clock clock;
    private final Deadline deadline;
    private final Timeouts timeouts;
    private final long sentNanos;
    /** A complete frame arrived: the idle bound now runs from the last one. */
    private boolean active;
    /** A frame arrived since the last wait: the idle bound restarts at the next one. */
    private boolean fresh;

    private long idleFrom;

    StreamReader(
            StreamSubscriber subscriber,
            Target target,
            ProviderAdapter adapter,
            int status,
            HttpHeaders headers,
            Failures failures,
            Clock clock,
            Deadline deadline,
            Timeouts timeouts,
            long sentNanos) {
        this.subscriber = subscriber;
        this.target = target;
        this.adapter = adapter;
        this.status = status;
        this.headers = headers;
        this.failures = failures;
        this.clock = clock;
        this.deadline = deadline;
        this.timeouts = timeouts;
        this.sentNanos = sentNanos;
    }

    /**
     * The next event, or null at the end of the stream.
     *
     * @throws LlmRingException for a timeout, an I/O failure, a decoder failure or an error document
     * @throws CancellationException when the stream was closed
     * @throws InterruptedException when the reading thread is interrupted
     */
    @Nullable
    StreamEvent next() throws InterruptedException {
        while (true) {
            Object item = subscriber.poll(); // what is already there is taken without reading a clock
            if (item == null || item == StreamSubscriber.BYTES) item = await();
            if (item == StreamSubscriber.FRAME) {
                active = fresh = true;
            } else if (item instanceof StreamEvent event) {
                active = fresh = true;
                return event;
            } else if (item == StreamSubscriber.END) {
                return null;
            } else if (item == StreamSubscriber.CLOSED) {
                throw new CancellationException("the stream was closed");
            } else if (item instanceof StreamSubscriber.Failed failed) {
                Throwable error = failed.error();
                throw error instanceof RuntimeException re
                        ? failures.fromDecoder(target, status, requestId(), re)
                        : failures.fromIo(target, error, timeouts.connect());
            } else if (item instanceof StreamSubscriber.JsonBody json) {
                throw failures.fromHttp(target, adapter, status, headers, json.bytes());
            }
        }
    }

    /**
     * Waits for the next item under what is left of the current phase's bound, or throws the timeout that ran out
     * first. Bytes that complete no frame are handed back (the caller loops) without moving the bound.
     */
    private Object await() throws InterruptedException {
        long now = System.nanoTime();
        if (fresh) {
            fresh = false;
            idleFrom = now;
        }
        long phaseNanos = active
                ? nanos(timeouts.streamIdle()) - (now - idleFrom)
                : nanos(timeouts.streamFirstEvent()) - (now - sentNanos);
        long left = nanos(deadline.remaining());
        boolean deadlineFirst = left <= phaseNanos;
        long wait = deadlineFirst ? left : phaseNanos;
        Object item = wait > 0 ? subscriber.poll(wait) : subscriber.poll();
        if (item != null && (wait > 0 || item != StreamSubscriber.BYTES)) return item;
        subscriber.cancel();
        LlmRingTimeoutException.Kind kind = deadlineFirst
                ? LlmRingTimeoutException.Kind.DEADLINE
                : active ? LlmRingTimeoutException.Kind.IDLE : LlmRingTimeoutException.Kind.FIRST_EVENT;
        Duration limit =
                deadlineFirst ? deadline.limit() : active ? timeouts.streamIdle() : timeouts.streamFirstEvent();
        throw Failures.timeout(target, kind, limit, requestId());
    }

    /** {@code d} in nanoseconds, a bound of centuries held at a quarter of the range (no overflow below). */
    private static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE / 4)) >= 0 ? Long.MAX_VALUE / 4 : d.toNanos();
    }

    /** The provider's request id (from the response header, else from the body), cleaned. */
    @Nullable
    String requestId() {
        return failures.requestId(headers.firstValue(adapter.requestIdHeader()).orElse(subscriber.bodyRequestId()));
    }

    /** {@code builder} with the answer's id and model, as the body gave them, cleaned. */
    ChatResponse.Builder describe(ChatResponse.Builder builder) {
        return subscriber.describe(builder, failures);
    }

    /** Aborts the exchange. */
    void cancel() {
        subscriber.cancel();
    }
}
