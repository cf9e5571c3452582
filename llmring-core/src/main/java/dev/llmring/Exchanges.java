package dev.llmring;

import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.WireFormat;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One attempt against one binding, non-streamed or streamed: send, wait under the right bound, and turn the answer
 * into events (or the failure into a typed exception). The router decides what happens next.
 */
final class Exchanges {
    private final Router.Settings settings;
    private final Transport transport;

    Exchanges(Router.Settings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    /** A streamed attempt that reached its first content event: its reader and the events read so far. */
    record StreamStart(StreamReader reader, List<StreamEvent> buffered) {}

    /** A non-streamed attempt: the whole answer, decoded and assembled. */
    ChatResponse.Builder chat(Router.CallState call, Target target, ProviderAdapter adapter, HttpCall http)
            throws InterruptedException {
        Bound bound = bound(call, settings.timeouts().attempt(), LlmRingTimeoutException.Kind.ATTEMPT);
        HttpResponse<Object> response =
                send(call, target, transport.request(http, false, adapter.streamFormat()), null, bound);
        byte[] body = body(call, target, response, bound);
        if (response.statusCode() / 100 != 2) {
            throw settings.failures().fromHttp(target, adapter, response.statusCode(), response.headers(), body);
        }
        String headerId = Transport.firstValue(response.headers(), adapter.requestIdHeader());
        ResponseAssembler assembler = new ResponseAssembler();
        try {
            adapter.decoder(target.model(), assembler).decodeBody(body);
            return assembler.toBuilder(target, requestId(headerId, assembler), settings.failures());
        } catch (RuntimeException e) {
            throw settings.failures().fromDecoder(target, response.statusCode(), requestId(headerId, assembler), e);
        }
    }

    /** The request id of a non-streamed answer: from its header, else from its body; cleaned. */
    private @Nullable String requestId(@Nullable String header, ResponseAssembler assembler) {
        return settings.failures().requestId(header != null ? header : assembler.requestId());
    }

    /**
     * A streamed attempt, up to its first content event (usage reported before any content is held back with it),
     * so that every failure before that point can still be retried or failed over.
     */
    StreamStart stream(Router.CallState call, Target target, ProviderAdapter adapter, HttpCall http)
            throws InterruptedException {
        long sentNanos = System.nanoTime();
        WireFormat format = adapter.streamFormat();
        Supplier<StreamSubscriber> streams = () -> new StreamSubscriber(
                format, sink -> adapter.decoder(target.model(), sink), transport.maxResponseBytes());
        Bound bound = bound(call, settings.timeouts().streamFirstEvent(), LlmRingTimeoutException.Kind.FIRST_EVENT);
        HttpResponse<Object> response = send(call, target, transport.request(http, true, format), streams, bound);
        if (response.body() instanceof BodyCollector) {
            byte[] body = body(call, target, response, bound);
            throw settings.failures().fromHttp(target, adapter, response.statusCode(), response.headers(), body);
        }
        StreamSubscriber subscriber = (StreamSubscriber) response.body();
        call.control.stream(subscriber);
        StreamReader reader = new StreamReader(
                subscriber,
                target,
                adapter,
                response.statusCode(),
                response.headers(),
                settings.failures(),
                settings.clock(),
                call.deadline,
                settings.timeouts(),
                sentNanos);
        List<StreamEvent> buffered = new ArrayList<>();
        boolean ok = false;
        call.timer.attempt();
        try {
            StreamEvent event;
            while ((event = reader.next()) != null) {
                call.timer.event(event);
                buffered.add(event);
                if (ResponseAssembler.isContent(event)) break;
            }
            ok = true;
            return new StreamStart(reader, buffered);
        } finally {
            if (!ok) {
                reader.cancel();
                call.control.stream(null);
            }
        }
    }

    /**
     * How long an attempt may wait for its headers (and, non-streamed, its whole body): {@code limit} or the time
     * left before the deadline, whichever is shorter, from now on (real time, like every wait).
     */
    private record Bound(
            Duration within,
            boolean deadlineFirst,
            Duration limit,
            LlmRingTimeoutException.Kind kind,
            long startNanos) {
        long nanosLeft() {
            return within.toNanos() - (System.nanoTime() - startNanos);
        }
    }

    private static Bound bound(Router.CallState call, Duration limit, LlmRingTimeoutException.Kind kind) {
        Duration left = call.deadline.remaining();
        boolean deadlineFirst = left.compareTo(limit) <= 0;
        return new Bound(deadlineFirst ? left : limit, deadlineFirst, limit, kind, System.nanoTime());
    }

    private static LlmRingTimeoutException timedOut(Router.CallState call, Target target, Bound bound) {
        return bound.deadlineFirst()
                ? Failures.timeout(target, LlmRingTimeoutException.Kind.DEADLINE, call.deadline.limit(), null)
                : Failures.timeout(target, bound.kind(), bound.limit(), null);
    }

    /**
     * Sends on this thread and returns at the headers. While it blocks, a {@link CallControl#cancel()} or the end of
     * {@code bound} (the {@link ExchangeTimer}) interrupts it, which aborts the exchange.
     */
    private HttpResponse<Object> send(
            Router.CallState call,
            Target target,
            HttpRequest request,
            @Nullable Supplier<StreamSubscriber> streams,
            Bound bound)
            throws InterruptedException {
        Object token = new Object();
        call.control.sending(token);
        ExchangeTimer.Bound timer = transport.timer().start(bound.nanosLeft(), () -> call.control.expire(token));
        try {
            HttpResponse<Object> response = transport.send(request, streams);
            call.head = new LimitGate.Head(response.statusCode(), response.headers());
            return response;
        } catch (IOException e) { // a connect timeout included: fromIo tells it apart
            throw settings.failures().fromIo(target, e, settings.timeouts().connect(), request.uri());
        } catch (InterruptedException e) {
            if (call.control.isCancelled()) throw new CancellationException("the call was cancelled");
            if (call.control.expired()) throw timedOut(call, target, bound);
            throw e;
        } finally {
            timer.close();
            call.control.sending(null);
        }
    }

    /** Waits for a collected body under what is left of {@code bound}; on timeout or interrupt it is cancelled. */
    private byte[] body(Router.CallState call, Target target, HttpResponse<Object> response, Bound bound)
            throws InterruptedException {
        if (!(response.body() instanceof BodyCollector collector)) throw new IllegalStateException("not a body");
        try {
            call.control.body(collector); // cancel() cancels the collector, which ends the wait
            return collector.await(bound.nanosLeft());
        } catch (TimeoutException e) {
            collector.cancel();
            throw timedOut(call, target, bound);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BodyCollector.TooLarge) {
                throw Failures.tooLarge(target, response.statusCode(), transport.maxResponseBytes());
            }
            throw settings.failures()
                    .fromIo(
                            target,
                            cause,
                            settings.timeouts().connect(),
                            response.request().uri());
        } catch (InterruptedException e) {
            collector.cancel();
            if (call.control.isCancelled()) throw new CancellationException("the call was cancelled");
            throw e;
        } catch (CancellationException e) {
            throw new CancellationException("the call was cancelled");
        } finally {
            call.control.body(null);
        }
    }
}
