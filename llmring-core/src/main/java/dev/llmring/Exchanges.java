package dev.llmring;

import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
        Duration attempt = settings.timeouts().attempt();
        HttpResponse<Object> response = await(call, target,
                transport.send(transport.request(http, false, adapter.streamFormat()), null),
                attempt, LlmRingTimeoutException.Kind.ATTEMPT);
        if (!(response.body() instanceof byte[] body)) throw new IllegalStateException("not a byte body");
        if (response.statusCode() / 100 != 2) {
            throw settings.failures().fromHttp(target, adapter, response.statusCode(), response.headers(), body);
        }
        String headerId = response.headers().firstValue(adapter.requestIdHeader()).orElse(null);
        ResponseAssembler assembler = new ResponseAssembler();
        try {
            adapter.decoder(target.model(), assembler).decodeBody(body);
            return assembler.toBuilder(target, headerId);
        } catch (RuntimeException e) {
            String requestId = headerId != null ? headerId : assembler.requestId();
            throw settings.failures().fromDecoder(target, response.statusCode(), requestId, e);
        }
    }

    /**
     * A streamed attempt, up to its first content event (usage reported before any content is held back with it),
     * so that every failure before that point can still be retried or failed over.
     */
    StreamStart stream(Router.CallState call, Target target, ProviderAdapter adapter, HttpCall http)
            throws InterruptedException {
        Instant sentAt = settings.clock().instant();
        WireFormat format = adapter.streamFormat();
        Supplier<StreamSubscriber> streams =
                () -> new StreamSubscriber(format, sink -> adapter.decoder(target.model(), sink));
        HttpResponse<Object> response = await(call, target,
                transport.send(transport.request(http, true, format), streams),
                settings.timeouts().streamFirstEvent(), LlmRingTimeoutException.Kind.FIRST_EVENT);
        if (response.body() instanceof byte[] body) {
            throw settings.failures().fromHttp(target, adapter, response.statusCode(), response.headers(), body);
        }
        StreamSubscriber subscriber = (StreamSubscriber) response.body();
        call.control.stream(subscriber);
        StreamReader reader = new StreamReader(subscriber, target, adapter, response.statusCode(),
                response.headers(), settings.failures(), settings.clock(), call.deadline, settings.timeouts(),
                sentAt);
        List<StreamEvent> buffered = new ArrayList<>();
        boolean ok = false;
        try {
            StreamEvent event;
            while ((event = reader.next()) != null) {
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
     * Waits for the response headers (and, non-streamed, the whole body) for at most {@code bound} or the time left
     * before the deadline, whichever is shorter; on timeout or interrupt the exchange is aborted.
     */
    private HttpResponse<Object> await(Router.CallState call, Target target,
            CompletableFuture<HttpResponse<Object>> future, Duration bound, LlmRingTimeoutException.Kind kind)
            throws InterruptedException {
        call.control.inFlight(future);
        Duration left = call.deadline.remaining();
        boolean deadlineFirst = left.compareTo(bound) <= 0;
        try {
            return future.get(Math.max(0, (deadlineFirst ? left : bound).toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw deadlineFirst
                    ? Failures.timeout(target, LlmRingTimeoutException.Kind.DEADLINE, call.deadline.limit(), null)
                    : Failures.timeout(target, kind, bound, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw settings.failures().fromIo(target, cause == null ? e : cause, settings.timeouts().connect());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw new CancellationException("the call was cancelled");
        } finally {
            call.control.inFlight(null);
        }
    }
}
