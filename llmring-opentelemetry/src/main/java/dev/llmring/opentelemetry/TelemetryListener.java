package dev.llmring.opentelemetry;

import dev.llmring.ChatResponse;
import dev.llmring.LlmRingException;
import dev.llmring.LlmRingListener;
import dev.llmring.RoutingTrace;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listener {@link LlmRingTelemetry} builds: each call's {@link CallTelemetry}, found by its {@link Call} (the same
 * object in every callback of a call; its identity, unlike its id, stays unique when one listener serves several
 * independently built clients).
 */
final class TelemetryListener implements LlmRingListener {
    private final Tracer tracer;
    private final Instruments instruments;
    private final boolean captureContent;
    private final Map<Call, CallTelemetry> calls = new ConcurrentHashMap<>();

    TelemetryListener(Tracer tracer, Instruments instruments, boolean captureContent) {
        this.tracer = tracer;
        this.instruments = instruments;
        this.captureContent = captureContent;
    }

    @Override
    public void callStart(Call call) {
        calls.put(call, new CallTelemetry(tracer, instruments, captureContent, call));
    }

    @Override
    public void attemptStart(Call call, String binding, int number) {
        CallTelemetry t = calls.get(call);
        if (t != null) t.attemptStart(binding, number);
    }

    @Override
    public void attemptSkipped(Call call, String binding, String reason) {
        CallTelemetry t = calls.get(call);
        if (t != null) t.attemptSkipped(binding, reason);
    }

    @Override
    public void waited(Call call, String binding, Duration waited, String reason) {
        CallTelemetry t = calls.get(call);
        if (t != null) t.waited(binding, waited, reason);
    }

    @Override
    public void attemptEnd(Call call, RoutingTrace.Attempt attempt) {
        CallTelemetry t = calls.get(call);
        if (t != null) t.attemptEnd(attempt);
    }

    @Override
    public void firstEvent(Call call, Duration sinceStart) {
        CallTelemetry t = calls.get(call);
        if (t != null) t.firstEvent(sinceStart);
    }

    @Override
    public void outputChunk(Call call, Duration sincePrevious) {
        CallTelemetry t = calls.get(call);
        if (t != null) t.outputChunk(sincePrevious);
    }

    @Override
    public void callEnd(Call call, ChatResponse response) {
        CallTelemetry t = calls.remove(call);
        if (t != null) t.callEnd(response);
    }

    @Override
    public void callFailed(Call call, LlmRingException error) {
        CallTelemetry t = calls.remove(call);
        if (t != null) t.callFailed(error);
    }

    @Override
    public void callCancelled(Call call) {
        CallTelemetry t = calls.remove(call);
        if (t != null) t.callCancelled();
    }

    @Override
    public String toString() {
        return "LlmRingTelemetry[captureContent=" + captureContent + ", calls in flight=" + calls.size() + "]";
    }
}
