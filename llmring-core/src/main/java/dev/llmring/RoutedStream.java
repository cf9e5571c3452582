package dev.llmring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A stream committed to the binding that produced its first content event. From here on there is no retry and no
 * failover: a failure ends the stream with a {@link StreamException} (the typed cause attached) or a timeout. Events
 * go through the shared {@link ResponseAssembler} as the caller receives them. Iterated by one thread; {@link
 * #close()} may come from any thread and makes a blocked iteration end.
 */
final class RoutedStream implements ChatStream {
    private final Router router;
    private final Router.CallState call;
    private final Router.Served<Exchanges.StreamStart> served;
    private final StreamReader reader;
    private final Deque<StreamEvent> buffered;
    private final Duration firstEvent;
    private final ResponseAssembler assembler = new ResponseAssembler();
    private final AtomicBoolean ended = new AtomicBoolean();
    private boolean iterated;
    private @Nullable StreamEvent peeked;
    private @Nullable Instant lastChunk;
    private volatile boolean closed;
    private volatile @Nullable ChatResponse response;
    private volatile @Nullable LlmRingException failure;
    private volatile boolean cancelled;

    RoutedStream(
            Router router, Router.CallState call, Router.Served<Exchanges.StreamStart> served, Duration firstEvent) {
        this.router = router;
        this.call = call;
        this.served = served;
        this.reader = served.value().reader();
        this.buffered = new ArrayDeque<>(served.value().buffered());
        this.firstEvent = firstEvent;
    }

    @Override
    public Iterator<StreamEvent> iterator() {
        if (iterated) throw new IllegalStateException("a ChatStream can be iterated only once");
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return advance();
            }

            @Override
            public StreamEvent next() {
                if (!advance()) throw new NoSuchElementException();
                StreamEvent e = java.util.Objects.requireNonNull(peeked);
                peeked = null;
                return e;
            }
        };
    }

    @Override
    public ChatResponse response() {
        while (advance()) peeked = null;
        ChatResponse r = response;
        if (r != null) return r;
        LlmRingException f = failure;
        if (f != null) throw f;
        throw new IllegalStateException("the stream was closed before its end");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (ended.compareAndSet(false, true)) {
            reader.cancel();
            served.limit().release();
            call.control.stream(null);
            call.control.done();
            router.settings.listener().callCancelled(call.info);
        }
    }

    /** Makes {@link #peeked} the next event; false at the end (or once closed). */
    private boolean advance() {
        if (peeked != null) return true;
        LlmRingException f = failure;
        if (f != null) throw f;
        if (cancelled) throw new CancellationException("the stream's client was closed");
        if (response != null || closed) return false;
        StreamEvent event = buffered.poll();
        if (event == null) {
            try {
                event = reader.next();
            } catch (LlmRingException e) {
                throw fail(e);
            } catch (CancellationException e) {
                if (closed) return false; // the caller closed it
                throw cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new CancellationException("interrupted while reading the stream");
            }
            if (event == null) {
                finish();
                return false;
            }
            call.timer.event(event);
        }
        assembler.emit(event);
        peeked = event;
        if (ResponseAssembler.isContent(event) && !(event instanceof StreamEvent.Finish)) chunk();
        return true;
    }

    /** The call was cancelled under the stream (its client closed): never a complete answer. */
    private CancellationException cancel() {
        cancelled = true;
        if (ended.compareAndSet(false, true)) {
            call.control.stream(null);
            call.control.done();
            router.settings.listener().callCancelled(call.info);
        }
        return new CancellationException("the stream's client was closed");
    }

    /** A content event reaches the caller: every one after the first tells the listeners how long it took. */
    private void chunk() {
        Instant now = router.settings.clock().instant();
        Instant last = lastChunk;
        lastChunk = now;
        if (last != null) router.settings.listener().outputChunk(call.info, Duration.between(last, now));
    }

    private void finish() {
        ChatResponse.Builder builder;
        try {
            builder = reader.describe(
                    assembler.toBuilder(served.target(), reader.requestId(), router.settings.failures()));
        } catch (RuntimeException e) {
            throw fail(router.settings.failures().fromDecoder(served.target(), 200, reader.requestId(), e));
        }
        if (!ended.compareAndSet(false, true)) return;
        call.control.stream(null);
        call.control.done();
        RoutingTrace.Attempt a = call.trace.succeeded(served.target(), served.number(), took());
        router.settings.listener().attemptEnd(call.info, a);
        ChatResponse done = null;
        try {
            done = router.complete(call, served.target(), builder, firstEvent);
        } finally {
            LimitGate.settleSucceeded(served.limit(), call.head, done);
        }
        response = done;
    }

    /** Ends the stream with {@code e}: never retried now that content reached the caller. */
    private LlmRingException fail(LlmRingException e) {
        LlmRingException f = e instanceof StreamException || e instanceof LlmRingTimeoutException
                ? e
                : new StreamException(e.getMessage() + " (after the stream had started)", e.details(), e);
        if (!ended.compareAndSet(false, true)) {
            failure = f;
            return f;
        }
        call.control.stream(null);
        call.control.done();
        reader.cancel();
        LimitGate.settleFailed(served.limit(), call.head, f);
        router.settings
                .listener()
                .attemptEnd(call.info, call.trace.failed(served.target(), served.number(), f, took()));
        failure = router.failed(call, f);
        return f;
    }

    private Duration took() {
        return Duration.between(served.started(), router.settings.clock().instant());
    }

    @Override
    public String toString() {
        return "ChatStream[" + served.target()
                + (response != null
                        ? ", complete"
                        : failure != null ? ", failed" : closed || cancelled ? ", closed" : ", open")
                + "]";
    }
}
