package dev.llmring;

import dev.llmring.spi.EventSink;
import dev.llmring.spi.ResponseDecoder;
import dev.llmring.spi.WireFormat;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The producer side of a streamed 2xx body. The HttpClient pushes byte buffers here as they arrive; they are framed
 * (SSE or NDJSON), decoded by the adapter's decoder, and the resulting items are queued for the consumer
 * ({@link StreamReader}): {@link StreamEvent}s, {@link #ACTIVITY} (a frame or keep-alive that produced no event),
 * {@link #END}, {@link Failed} or {@link JsonBody}. Nothing is buffered beyond what the consumer has not taken yet:
 * more bytes are requested only while fewer than {@value #HIGH_WATER} items wait, so a slow reader slows the
 * server down (TCP back-pressure) instead of filling memory.
 *
 * <p>An SSE body whose first non-space byte is '{' or '[' and that contains no {@code data:} frame is an error
 * document sent with a 2xx status (some providers do that); it is kept (up to 64 KiB) and handed over as
 * {@link JsonBody} for the adapter to classify.
 */
final class StreamSubscriber implements HttpResponse.BodySubscriber<Object>, Framer.Sink, EventSink {
    static final Object ACTIVITY = new Object();
    static final Object END = new Object();
    static final Object CLOSED = new Object();
    private static final int HIGH_WATER = 64;
    private static final int LOW_WATER = 16;

    /** The exchange failed: an I/O error, or the decoder threw. */
    record Failed(Throwable error) {}

    /** The 2xx body was a single JSON document, not a stream. */
    record JsonBody(byte[] bytes) {}

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean demandPending = new AtomicBoolean();
    private final ResponseDecoder decoder;
    private final Framer framer;
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;
    private volatile @Nullable String bodyRequestId;

    // producer-thread state
    private boolean done;
    private boolean produced;
    private boolean sawFrame;
    private int jsonState; // 0 undecided, 1 suspect, 2 not JSON
    private @Nullable ByteArrayOutputStream json;

    interface DecoderFactory {
        ResponseDecoder create(EventSink sink);
    }

    StreamSubscriber(WireFormat format, DecoderFactory decoders) {
        this.framer = Framer.of(format, this);
        this.jsonState = format == WireFormat.SSE ? 0 : 2;
        this.decoder = decoders.create(this);
    }

    // ---- consumer side ----

    /** The next item if one is waiting, else null at once. */
    @Nullable Object poll() {
        return taken(queue.poll());
    }

    /** The next item, or null when none came within {@code nanos}. */
    @Nullable Object poll(long nanos) throws InterruptedException {
        return taken(queue.poll(nanos, TimeUnit.NANOSECONDS));
    }

    private @Nullable Object taken(@Nullable Object item) {
        if (item != null && queue.size() < LOW_WATER && demandPending.compareAndSet(true, false)) {
            Flow.Subscription s = subscription;
            if (s != null) s.request(1);
        }
        return item;
    }

    /** Aborts the exchange (closing its connection) and wakes the consumer. Idempotent, any thread. */
    void cancel() {
        if (cancelled) return;
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        queue.add(CLOSED);
    }

    /** The request id the decoder found in the body, if any. */
    @Nullable String bodyRequestId() {
        return bodyRequestId;
    }

    // ---- producer side (HttpClient threads, one at a time) ----

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (done || cancelled) return;
        produced = false;
        boolean active = false;
        try {
            for (ByteBuffer b : buffers) {
                if (!b.hasRemaining()) continue;
                active = true;
                if (jsonState < 2) sniff(b.duplicate());
                framer.feed(b);
            }
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (active && !produced) queue.add(ACTIVITY);
        demandPending.set(true);
        if (queue.size() < HIGH_WATER && demandPending.compareAndSet(true, false)) {
            Flow.Subscription s = subscription;
            if (s != null) s.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (done || cancelled) return;
        done = true;
        queue.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        if (done || cancelled) return;
        try {
            framer.finish();
            if (jsonState == 1 && !sawFrame) {
                done = true;
                queue.add(new JsonBody(json == null ? new byte[0] : json.toByteArray()));
                return;
            }
            decoder.onEnd();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        done = true;
        queue.add(END);
    }

    @Override
    public CompletionStage<Object> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    private void fail(RuntimeException e) {
        done = true;
        queue.add(new Failed(e));
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    private void sniff(ByteBuffer b) {
        if (sawFrame) {
            jsonState = 2;
            json = null;
            return;
        }
        if (jsonState == 0) {
            while (b.hasRemaining()) {
                byte c = b.get(b.position());
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    b.get();
                    continue;
                }
                jsonState = c == '{' || c == '[' ? 1 : 2;
                if (jsonState == 1) json = new ByteArrayOutputStream();
                break;
            }
        }
        ByteArrayOutputStream j = json;
        if (jsonState == 1 && j != null) {
            int n = Math.min(b.remaining(), Failures.ERROR_BODY_CAP - j.size());
            if (n > 0) {
                byte[] chunk = new byte[n];
                b.get(chunk);
                j.write(chunk, 0, n);
            }
        }
    }

    // ---- Framer.Sink and EventSink (producer thread) ----

    @Override
    public void frame(@Nullable String event, String data) {
        sawFrame = true;
        if (jsonState == 1) {
            jsonState = 2;
            json = null;
        }
        decoder.onFrame(event, data);
    }

    @Override
    public void keepAlive() {}

    @Override
    public void emit(StreamEvent event) {
        produced = true;
        queue.add(event);
    }

    @Override
    public void requestId(String requestId) {
        bodyRequestId = requestId;
    }
}
