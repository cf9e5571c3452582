package dev.llmring;

import dev.llmring.spi.ProviderAdapter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The consumer side of a streamed exchange: takes the next event from its {@link StreamSubscriber} under the stream
 * timeouts and turns markers into exceptions. Until the first frame arrives it waits at most until
 * {@code sentAt + streamFirstEvent}; after that at most {@code streamIdle} for each next frame; never past the call's
 * deadline. Used on one thread at a time (the router's, then the caller's while iterating).
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
    private final Instant sentAt;
    private boolean active;

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
            Instant sentAt) {
        this.subscriber = subscriber;
        this.target = target;
        this.adapter = adapter;
        this.status = status;
        this.headers = headers;
        this.failures = failures;
        this.clock = clock;
        this.deadline = deadline;
        this.timeouts = timeouts;
        this.sentAt = sentAt;
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
            if (item == null) item = await();
            if (item == StreamSubscriber.ACTIVITY) {
                active = true;
            } else if (item instanceof StreamEvent event) {
                active = true;
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

    /** Waits for the next item under the bound of the current phase, or throws the timeout that ran out first. */
    private Object await() throws InterruptedException {
        Instant now = clock.instant();
        Duration left = deadline.remaining();
        Duration phase =
                active ? timeouts.streamIdle() : Duration.between(now, sentAt.plus(timeouts.streamFirstEvent()));
        boolean deadlineFirst = left.compareTo(phase) <= 0;
        Duration wait = deadlineFirst ? left : phase;
        Object item = subscriber.poll(Math.max(0, wait.toNanos()));
        if (item != null) return item;
        subscriber.cancel();
        LlmRingTimeoutException.Kind kind = deadlineFirst
                ? LlmRingTimeoutException.Kind.DEADLINE
                : active ? LlmRingTimeoutException.Kind.IDLE : LlmRingTimeoutException.Kind.FIRST_EVENT;
        Duration limit =
                deadlineFirst ? deadline.limit() : active ? timeouts.streamIdle() : timeouts.streamFirstEvent();
        throw Failures.timeout(target, kind, limit, requestId());
    }

    /** The provider's request id: from the response header, else from the body. */
    @Nullable
    String requestId() {
        return headers.firstValue(adapter.requestIdHeader()).orElse(subscriber.bodyRequestId());
    }

    /** {@code builder} with the answer's id and model, as the body gave them. */
    ChatResponse.Builder describe(ChatResponse.Builder builder) {
        return subscriber.describe(builder);
    }

    /** Aborts the exchange. */
    void cancel() {
        subscriber.cancel();
    }
}
