package dev.llmring;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Collects a whole body (up to a cap) as it arrives. What happens at the cap depends on the body: an error body is
 * kept {@linkplain #truncating truncated} (its first bytes are enough to classify it), an answer is
 * {@linkplain #refusing refused} with {@link TooLarge}: at once when its {@code Content-Length} says so, else as soon
 * as the bytes counted pass the cap, without buffering past it. Its {@link #getBody()} is complete at once, so that
 * {@code HttpClient.send} returns as soon as the headers are in; the caller then {@linkplain #await waits} for the
 * bytes under its own time bound, and {@linkplain #cancel cancels} (closing the connection) when that runs out. Bytes
 * are copied once into a buffer sized from {@code Content-Length} when the server gave one, and handed over without a
 * second copy when the buffer is exactly full.
 */
final class BodyCollector implements HttpResponse.BodySubscriber<Object> {
    /** A {@code Content-Length} is trusted this far for the first buffer; beyond it the buffer grows as bytes come. */
    private static final int MAX_PRESIZE = 1 << 20;

    /** The answer passed the cap: the body was refused (reading stopped, the connection closed). */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int cap) {
            super("the body is larger than " + cap + " bytes", null, false, false);
        }
    }

    private final int cap;
    private final boolean refuse;
    private final long expected;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] bytes;
    private int size;
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;

    private BodyCollector(int cap, long expected, boolean refuse) {
        this.cap = cap;
        this.refuse = refuse;
        this.expected = expected;
        this.bytes = refuse && expected > cap
                ? new byte[0]
                : new byte[(int) Math.min(cap, expected >= 0 ? Math.min(expected, MAX_PRESIZE) : 8192)];
    }

    /**
     * A collector that keeps the first {@code cap} bytes and stops reading there.
     *
     * @param expected the {@code Content-Length}, or -1 when unknown
     */
    static BodyCollector truncating(int cap, long expected) {
        return new BodyCollector(cap, expected, false);
    }

    /**
     * A collector that fails with {@link TooLarge} rather than hold more than {@code cap} bytes.
     *
     * @param expected the {@code Content-Length}, or -1 when unknown
     */
    static BodyCollector refusing(int cap, long expected) {
        return new BodyCollector(cap, expected, true);
    }

    /** How many bytes the buffer can hold now (for tests: never more than the cap). */
    int capacity() {
        return bytes.length;
    }

    /**
     * The body, waiting at most {@code nanos} for its end.
     *
     * @throws TimeoutException when it did not end in time (the exchange is not cancelled: the caller decides)
     * @throws ExecutionException when reading it failed
     * @throws CancellationException when it was cancelled
     */
    byte[] await(long nanos) throws InterruptedException, TimeoutException, ExecutionException {
        return result.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Stops reading and closes the exchange's connection. Idempotent, any thread. */
    void cancel() {
        cancelled = true;
        result.completeExceptionally(new CancellationException("the exchange was cancelled"));
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else if (refuse && expected > cap) {
            tooLarge(); // refused on its Content-Length, before a byte of it is read
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return;
        for (ByteBuffer b : buffers) {
            if (refuse && b.remaining() > cap - size) {
                tooLarge();
                return;
            }
            int n = Math.min(b.remaining(), cap - size);
            if (n <= 0) continue;
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(size + n, 2L * size)));
            }
            b.get(bytes, size, n);
            size += n;
        }
        if (size >= cap && !refuse) {
            result.complete(bytes());
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
    }

    private void tooLarge() {
        bytes = new byte[0];
        result.completeExceptionally(new TooLarge(cap));
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes());
    }

    private byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    @Override
    public CompletionStage<Object> getBody() {
        return CompletableFuture.completedFuture(this);
    }
}
