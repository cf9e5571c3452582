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
 * Collects a whole body (up to a cap) as it arrives. Its {@link #getBody()} is complete at once, so that
 * {@code HttpClient.send} returns as soon as the headers are in; the caller then {@linkplain #await waits} for the
 * bytes under its own time bound, and {@linkplain #cancel cancels} (closing the connection) when that runs out. Bytes
 * are copied once into a buffer sized from {@code Content-Length} when the server gave one, and handed over without a
 * second copy when the buffer is exactly full.
 */
final class BodyCollector implements HttpResponse.BodySubscriber<Object> {
    /** A {@code Content-Length} is trusted this far for the first buffer; beyond it the buffer grows as bytes come. */
    private static final int MAX_PRESIZE = 1 << 20;

    private final int cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] bytes;
    private int size;
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;

    /**
     * @param cap the most bytes kept; reading stops there
     * @param expected the {@code Content-Length}, or -1 when unknown
     */
    BodyCollector(int cap, long expected) {
        this.cap = cap;
        this.bytes = new byte[(int) Math.min(cap, expected >= 0 ? Math.min(expected, MAX_PRESIZE) : 8192)];
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
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return;
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), cap - size);
            if (n <= 0) continue;
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(size + n, 2L * size)));
            }
            b.get(bytes, size, n);
            size += n;
        }
        if (size >= cap) {
            result.complete(bytes());
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
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
