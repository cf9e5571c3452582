package dev.llmring.internal.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects a response body, cancelling the exchange as soon as it passes {@code maxBytes}. The body of a non-2xx
 * answer is not read at all: the exchange is cancelled at once and the body is empty.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private static final byte[] EMPTY = new byte[0];

    private final long maxBytes;
    private final boolean wanted;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.@Nullable Subscription subscription;

    private CappedBody(long maxBytes, boolean wanted) {
        this.maxBytes = maxBytes;
        this.wanted = wanted;
    }

    /** Reads 2xx bodies up to {@code maxBytes}; skips every other body. */
    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
        return info -> new CappedBody(maxBytes, info.statusCode() / 100 == 2);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (!wanted) {
            s.cancel();
            result.complete(EMPTY);
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : items) {
            if (out.size() + (long) buffer.remaining() > maxBytes) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
                result.completeExceptionally(new BodyTooLargeException(maxBytes));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }
}
