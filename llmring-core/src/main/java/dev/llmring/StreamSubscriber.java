package dev.llmring;

import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import dev.llmring.spi.WireFormat;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * A streamed 2xx body. The HttpClient pushes byte buffers here as they arrive and they are queued as they are; the
 * consumer ({@link StreamReader}) takes them and frames (SSE or NDJSON) and decodes them with the adapter's decoder
 * on its own thread, as it reads. What it gets is one item at a time: a {@link StreamEvent}, {@link #FRAME} (a
 * complete frame or keep-alive that produced no event: proof of life), {@link #BYTES} (bytes that completed no frame:
 * no proof of anything, so the stream timeouts do not restart on it), {@link #END}, {@link #CLOSED}, {@link Failed}
 * or {@link JsonBody}. Once cancelled it answers {@link #CLOSED} to every poll, so a closed stream never looks
 * complete.
 *
 * <p>Decoding on the reader's thread means that the thread that delivers bytes (the HttpClient's) does no more than
 * queue them, and the reader wakes up once per network read rather than once per event. Nothing is buffered beyond
 * what the reader has not taken yet: more bytes are requested only while fewer than {@value #HIGH_WATER} reads wait,
 * so a slow reader slows the server down (TCP back-pressure) instead of filling memory.
 *
 * <p>An SSE body whose first non-space byte is '{' or '[' and that contains no {@code data:} frame is an error
 * document sent with a 2xx status (some providers do that); it is kept (up to {@link Failures#ERROR_BODY_CAP}) and
 * handed over as {@link JsonBody} for the adapter to classify.
 */
final class StreamSubscriber implements HttpResponse.BodySubscriber<Object>, Framer.Sink, EventSink {
    static final Object FRAME = new Object();
    static final Object BYTES = new Object();
    static final Object END = new Object();
    static final Object CLOSED = new Object();
    private static final int HIGH_WATER = 16;
    private static final int LOW_WATER = 4;

    /** The exchange failed: an I/O error, or the decoder threw. */
    record Failed(Throwable error) {}

    /** The 2xx body was a single JSON document, not a stream. */
    record JsonBody(byte[] bytes) {}

    /** Network reads ({@code List<ByteBuffer>}) and end markers, from the HttpClient to the reader. */
    private final BlockingQueue<Object> reads = new LinkedBlockingQueue<>();

    private final AtomicBoolean demandPending = new AtomicBoolean();
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;
    private volatile @Nullable String bodyRequestId;
    private volatile @Nullable String responseId;
    private volatile @Nullable String responseModel;

    // reader-thread state
    private final ResponseDecoder decoder;
    private final Framer framer;
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private boolean done;
    private boolean sawFrame;
    private boolean alive;
    private int jsonState; // 0 undecided, 1 suspect, 2 not JSON
    private @Nullable ByteArrayOutputStream json;
    private final int maxChars;
    private long chars;

    interface DecoderFactory {
        ResponseDecoder create(EventSink sink);
    }

    /**
     * @param maxBytes the largest frame accepted, and the most characters of text, reasoning and tool arguments the
     *     stream may deliver in all (see {@code LlmRing.Builder#maxResponseBytes})
     */
    StreamSubscriber(WireFormat format, DecoderFactory decoders, int maxBytes) {
        this.framer = Framer.of(format, this, Math.min(maxBytes, Framer.MAX_FRAME_BYTES));
        this.maxChars = maxBytes;
        this.jsonState = format == WireFormat.SSE ? 0 : 2;
        this.decoder = decoders.create(this);
    }

    // ---- reader side (one thread at a time) ----

    /** The next item if one is ready or bytes wait, else null at once. */
    @Nullable
    Object poll() {
        if (cancelled) return CLOSED;
        Object item = ready.poll();
        if (item != null) return item;
        return take(reads.poll());
    }

    /** The next item, or null when none came within {@code nanos}. */
    @Nullable
    Object poll(long nanos) throws InterruptedException {
        if (cancelled) return CLOSED;
        Object item = ready.poll();
        if (item != null) return item;
        return take(reads.poll(nanos, TimeUnit.NANOSECONDS));
    }

    /** Aborts the exchange (closing its connection) and wakes the reader. Idempotent, any thread. */
    void cancel() {
        if (cancelled) return;
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        reads.add(CLOSED);
    }

    /** The request id the decoder found in the body, if any. */
    @Nullable
    String bodyRequestId() {
        return bodyRequestId;
    }

    /** Turns what came from the HttpClient into the next item for the reader. */
    private @Nullable Object take(@Nullable Object read) {
        if (read == null || read == CLOSED) return read;
        if (done) return BYTES; // nothing but CLOSED can follow the end
        if (read instanceof Failed) {
            done = true;
            return read;
        }
        if (reads.size() < LOW_WATER && demandPending.compareAndSet(true, false)) {
            Flow.Subscription s = subscription;
            if (s != null) s.request(1);
        }
        alive = false;
        try {
            if (read == END) {
                end();
            } else {
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) read;
                feed(buffers);
            }
        } catch (RuntimeException e) {
            done = true;
            ready.add(new Failed(e));
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
        Object item = ready.poll();
        return item != null ? item : alive ? FRAME : BYTES;
    }

    private void feed(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            if (!b.hasRemaining()) continue;
            if (jsonState < 2) sniff(b.duplicate());
            framer.feed(b);
        }
    }

    private void end() {
        done = true;
        framer.finish();
        if (jsonState == 1 && !sawFrame) {
            ready.add(new JsonBody(json == null ? new byte[0] : json.toByteArray()));
            return;
        }
        decoder.onEnd();
        ready.add(END);
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

    // ---- Framer.Sink and EventSink (reader thread) ----

    @Override
    public void frame(@Nullable String event, String data) {
        sawFrame = true;
        alive = true;
        if (jsonState == 1) {
            jsonState = 2;
            json = null;
        }
        decoder.onFrame(event, data);
    }

    @Override
    public void keepAlive() {
        alive = true;
    }

    @Override
    public void emit(StreamEvent event) {
        chars += size(event);
        if (chars > maxChars) {
            throw ProviderFailure.malformed(
                    "the streamed answer is larger than " + maxChars + " characters (maxResponseBytes)", null);
        }
        ready.add(event);
    }

    /** The characters an event adds to what a stream's reader assembles. */
    private static long size(StreamEvent event) {
        if (event instanceof StreamEvent.TextDelta d) return d.text().length();
        if (event instanceof StreamEvent.ReasoningDelta d) return d.text().length();
        if (event instanceof StreamEvent.ToolCallDelta d)
            return d.argumentsFragment().length();
        if (event instanceof StreamEvent.ToolCallComplete c)
            return c.call().argumentsJson().length();
        return 0;
    }

    @Override
    public void requestId(String requestId) {
        bodyRequestId = requestId;
    }

    @Override
    public void responseId(String id) {
        if (responseId == null) responseId = id;
    }

    @Override
    public void responseModel(String model) {
        if (responseModel == null) responseModel = model;
    }

    /** The answer's id and model as the decoder found them, for the response. */
    ChatResponse.Builder describe(ChatResponse.Builder builder, Failures failures) {
        return builder.responseId(failures.requestId(responseId)).responseModel(failures.requestId(responseModel));
    }

    // ---- HttpClient side ----

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
        if (cancelled) return;
        reads.add(buffers);
        demandPending.set(true);
        if (reads.size() < HIGH_WATER && demandPending.compareAndSet(true, false)) {
            Flow.Subscription s = subscription;
            if (s != null) s.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!cancelled) reads.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        if (!cancelled) reads.add(END);
    }

    @Override
    public CompletionStage<Object> getBody() {
        return CompletableFuture.completedFuture(this);
    }
}
