package dev.llmring.opentelemetry;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.Cost;
import dev.llmring.LlmRingException;
import dev.llmring.LlmRingListener;
import dev.llmring.Role;
import dev.llmring.RoutingTrace;
import dev.llmring.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The telemetry of one call: its span (a child of the application's span current when the call started, and current
 * for nothing), a child span per try, skip and wait, and the metric points recorded when it ends. Callbacks of one
 * call come in order but possibly on different threads; every method holds this object's lock.
 */
final class CallTelemetry {
    private final Tracer tracer;
    private final Instruments instruments;
    private final boolean captureContent;
    private final LlmRingListener.Call call;
    private final Span span;
    private final Context context;
    private final long startNanos = System.nanoTime();

    private @Nullable Span attempt; // the try under way, or the one that served until the call ends
    private @Nullable Instant servedAt; // when the serving try ended; its span ends with the call
    private @Nullable String binding; // the binding tried last (or, before any try, skipped first)
    private boolean tried;
    private @Nullable URI endpoint; // where the current try went, once it ended
    private @Nullable Duration firstChunk;
    private double waited;

    CallTelemetry(Tracer tracer, Instruments instruments, boolean captureContent, LlmRingListener.Call call) {
        this.tracer = tracer;
        this.instruments = instruments;
        this.captureContent = captureContent;
        this.call = call;
        ChatRequest r = call.request();
        Context parent = Context.current();
        SpanBuilder b = tracer.spanBuilder(GenAi.CHAT + " " + r.model())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.ALIAS, r.model())
                .setAttribute(GenAi.PROFILE, call.profile())
                .setAttribute(GenAi.STREAM, call.streaming());
        r.tag().ifPresent(t -> b.setAttribute(GenAi.TAG, t));
        call.lockfileDigest().ifPresent(d -> b.setAttribute(GenAi.LOCKFILE_DIGEST, d));
        r.temperature().ifPresent(t -> b.setAttribute(GenAi.REQUEST_TEMPERATURE, t));
        r.maxOutputTokens().ifPresent(n -> b.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) n));
        r.seed().ifPresent(s -> b.setAttribute(GenAi.REQUEST_SEED, s));
        if (!r.stop().isEmpty()) b.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, r.stop());
        span = b.startSpan();
        context = parent.with(span);
        if (captureContent && span.isRecording()) {
            if (r.messages().stream().anyMatch(m -> m.role().equals(Role.SYSTEM))) {
                span.setAttribute(
                        GenAi.SYSTEM_INSTRUCTIONS, ContentJson.systemInstructions(r.messages(), call::redact));
            }
            span.setAttribute(GenAi.INPUT_MESSAGES, ContentJson.inputMessages(r.messages(), call::redact));
        }
    }

    synchronized void attemptStart(String binding, int number) {
        this.binding = binding;
        tried = true;
        endpoint = null;
        servedAt = null;
        attempt = child(GenAi.CHAT + " " + GenAi.model(binding), binding, SpanKind.CLIENT)
                .setAttribute(GenAi.ATTEMPT_NUMBER, (long) number)
                .startSpan();
    }

    synchronized void attemptSkipped(String binding, String reason) {
        if (!tried && this.binding == null) this.binding = binding;
        Instant now = Instant.now();
        child("skip " + binding, binding, SpanKind.INTERNAL)
                .setAttribute(GenAi.SKIP_REASON, reason)
                .setStartTimestamp(now)
                .startSpan()
                .end(now);
    }

    synchronized void waited(String binding, Duration wait, String reason) {
        waited += GenAi.seconds(wait);
        span.setAttribute(GenAi.WAIT_DURATION, waited);
        Instant now = Instant.now();
        child("wait " + binding, binding, SpanKind.INTERNAL)
                .setAttribute(GenAi.WAIT_DURATION, GenAi.seconds(wait))
                .setAttribute(GenAi.WAIT_REASON, reason)
                .setStartTimestamp(now.minus(wait))
                .startSpan()
                .end(now);
    }

    synchronized void attemptEnd(RoutingTrace.Attempt a) {
        Span s = attempt;
        if (s == null) return;
        URI e = a.endpoint().orElse(null);
        if (e != null) {
            endpoint = e;
            server(s, e);
        }
        if (a.outcome() == RoutingTrace.Attempt.Outcome.SUCCEEDED) {
            servedAt = Instant.now(); // the span ends with the call, once the response is known
            return;
        }
        failed(s, a.error().orElse("_OTHER"), a.status());
        s.end();
        attempt = null;
    }

    synchronized void firstEvent(Duration sinceStart) {
        firstChunk = sinceStart;
        span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, GenAi.seconds(sinceStart));
    }

    synchronized void outputChunk(Duration sincePrevious) {
        instruments.timePerOutputChunk(GenAi.seconds(sincePrevious), metric(null, null));
    }

    synchronized void callEnd(ChatResponse r) {
        Span s = attempt;
        if (s != null) {
            response(s, r);
            s.end(servedAt != null ? servedAt : Instant.now());
            attempt = null;
        }
        identify(r.binding());
        response(span, r);
        r.usage().ifPresent(u -> usage(span, u));
        r.cost().ifPresent(this::cost);
        span.setAttribute(GenAi.ATTEMPTS, (long) tries(r.trace()));
        span.setAttribute(GenAi.OUTCOME, "success");
        if (captureContent && span.isRecording()) {
            span.setAttribute(GenAi.OUTPUT_MESSAGES, ContentJson.outputMessages(r, call::redact));
        }
        Attributes m = metric(r.responseModel().map(call::redact).orElse(null), null);
        instruments.duration(GenAi.seconds(r.latency()), m);
        r.usage().ifPresent(u -> instruments.tokens(u.inputTokens(), u.outputTokens(), m));
        end(m);
    }

    synchronized void callFailed(LlmRingException error) {
        String type = error.getClass().getSimpleName();
        Span s = attempt;
        if (s != null) { // a stream that failed after it was served ends its try here
            failed(s, type, error.status());
            s.end();
            attempt = null;
        }
        if (binding != null) identify(binding);
        failed(span, type, error.status());
        error.trace().ifPresent(t -> span.setAttribute(GenAi.ATTEMPTS, (long) tries(t)));
        span.setAttribute(GenAi.OUTCOME, "error");
        Attributes m = metric(null, type);
        instruments.duration(elapsed(), m);
        end(m);
    }

    synchronized void callCancelled() {
        Span s = attempt;
        if (s != null) {
            s.setAttribute(GenAi.ERROR_TYPE, GenAi.CANCELLED);
            s.end();
            attempt = null;
        }
        if (binding != null) identify(binding);
        span.setAttribute(GenAi.ERROR_TYPE, GenAi.CANCELLED);
        span.setAttribute(GenAi.OUTCOME, "cancelled");
        Attributes m = metric(null, GenAi.CANCELLED);
        instruments.duration(elapsed(), m);
        end(m);
    }

    private void end(Attributes metric) {
        Duration first = firstChunk;
        if (first != null) instruments.timeToFirstChunk(GenAi.seconds(first), metric);
        span.end();
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private SpanBuilder child(String name, String binding, SpanKind kind) {
        return tracer.spanBuilder(name)
                .setParent(context)
                .setSpanKind(kind)
                .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER_NAME, GenAi.providerName(GenAi.provider(binding)))
                .setAttribute(GenAi.REQUEST_MODEL, GenAi.model(binding))
                .setAttribute(GenAi.BINDING, binding);
    }

    /** Names the call span after the binding that served or was tried last, and says which that was. */
    private void identify(String binding) {
        span.updateName(GenAi.CHAT + " " + GenAi.model(binding));
        span.setAttribute(GenAi.PROVIDER_NAME, GenAi.providerName(GenAi.provider(binding)));
        span.setAttribute(GenAi.REQUEST_MODEL, GenAi.model(binding));
        span.setAttribute(GenAi.BINDING, binding);
        URI e = endpoint;
        if (e != null) server(span, e);
    }

    private static void server(Span s, URI endpoint) {
        String address = GenAi.address(endpoint);
        if (address == null) return;
        s.setAttribute(GenAi.SERVER_ADDRESS, address);
        s.setAttribute(GenAi.SERVER_PORT, GenAi.port(endpoint));
    }

    private static void failed(Span s, String errorType, int status) {
        s.setAttribute(GenAi.ERROR_TYPE, errorType);
        if (status > 0) s.setAttribute(GenAi.HTTP_STATUS, (long) status);
        s.setStatus(StatusCode.ERROR, errorType);
    }

    /** The answer's id, model and finish reason; the strings that came from the wire have any key redacted. */
    private void response(Span s, ChatResponse r) {
        r.responseId().ifPresent(id -> s.setAttribute(GenAi.RESPONSE_ID, call.redact(id)));
        r.responseModel().ifPresent(m -> s.setAttribute(GenAi.RESPONSE_MODEL, call.redact(m)));
        s.setAttribute(GenAi.RESPONSE_FINISH_REASONS, List.of(r.finishReason().kind()));
    }

    private static void usage(Span s, Usage u) {
        s.setAttribute(GenAi.USAGE_INPUT_TOKENS, u.inputTokens());
        s.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, u.outputTokens());
        s.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, u.cachedInputTokens());
        s.setAttribute(GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS, u.cacheWriteTokens());
        s.setAttribute(GenAi.USAGE_REASONING_OUTPUT_TOKENS, u.reasoningTokens());
    }

    private void cost(Cost c) {
        span.setAttribute(GenAi.COST_STATUS, c.status().name());
        if (c.isPriced()) span.setAttribute(GenAi.COST_USD, c.total().doubleValue());
        c.registryVersion().ifPresent(v -> span.setAttribute(GenAi.REGISTRY_VERSION, (long) v));
    }

    /** The attributes of a metric point: operation, provider, model and server of the current binding. */
    private Attributes metric(@Nullable String responseModel, @Nullable String errorType) {
        AttributesBuilder a = Attributes.builder().put(GenAi.OPERATION_NAME, GenAi.CHAT);
        String b = binding;
        if (b != null) {
            a.put(GenAi.PROVIDER_NAME, GenAi.providerName(GenAi.provider(b)));
            a.put(GenAi.REQUEST_MODEL, GenAi.model(b));
        }
        URI e = endpoint;
        String address = e == null ? null : GenAi.address(e);
        if (e != null && address != null) {
            a.put(GenAi.SERVER_ADDRESS, address);
            a.put(GenAi.SERVER_PORT, GenAi.port(e));
        }
        if (responseModel != null) a.put(GenAi.RESPONSE_MODEL, responseModel);
        if (errorType != null) a.put(GenAi.ERROR_TYPE, errorType);
        return a.build();
    }

    private static int tries(RoutingTrace trace) {
        int n = 0;
        for (RoutingTrace.Attempt a : trace.attempts()) {
            if (a.outcome() != RoutingTrace.Attempt.Outcome.SKIPPED) n++;
        }
        return n;
    }
}
