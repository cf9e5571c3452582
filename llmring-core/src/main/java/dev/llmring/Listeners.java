package dev.llmring;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans callbacks out to the registered listeners; a listener that throws is logged at DEBUG and ignored. */
final class Listeners implements LlmRingListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<LlmRingListener> listeners;

    /** Does nothing: what a client without listeners notifies, so that its calls make no callback objects. */
    private static final LlmRingListener NONE = new LlmRingListener() {};

    Listeners(List<LlmRingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** {@code listeners} as one listener; none at all is one that does nothing. */
    static LlmRingListener of(List<LlmRingListener> listeners) {
        return listeners.isEmpty() ? NONE : new Listeners(listeners);
    }

    private interface Callback {
        void call(LlmRingListener listener);
    }

    private void each(String what, Callback callback) {
        for (LlmRingListener l : listeners) {
            try {
                callback.call(l);
            } catch (RuntimeException e) {
                LOG.debug("listener {} threw from {}: {}", l.getClass().getName(), what, e.toString());
            }
        }
    }

    @Override
    public void callStart(Call call) {
        each("callStart", l -> l.callStart(call));
    }

    @Override
    public void attemptStart(Call call, String binding, int number) {
        each("attemptStart", l -> l.attemptStart(call, binding, number));
    }

    @Override
    public void attemptSkipped(Call call, String binding, String reason) {
        each("attemptSkipped", l -> l.attemptSkipped(call, binding, reason));
    }

    @Override
    public void waited(Call call, String binding, Duration waited, String reason) {
        each("waited", l -> l.waited(call, binding, waited, reason));
    }

    @Override
    public void attemptEnd(Call call, RoutingTrace.Attempt attempt) {
        each("attemptEnd", l -> l.attemptEnd(call, attempt));
    }

    @Override
    public void firstEvent(Call call, Duration sinceStart) {
        each("firstEvent", l -> l.firstEvent(call, sinceStart));
    }

    @Override
    public void outputChunk(Call call, Duration sincePrevious) {
        each("outputChunk", l -> l.outputChunk(call, sincePrevious));
    }

    @Override
    public void usage(Call call, String binding, Usage usage) {
        each("usage", l -> l.usage(call, binding, usage));
    }

    @Override
    public void callEnd(Call call, ChatResponse response) {
        each("callEnd", l -> l.callEnd(call, response));
    }

    @Override
    public void callFailed(Call call, LlmRingException error) {
        each("callFailed", l -> l.callFailed(call, error));
    }

    @Override
    public void callCancelled(Call call) {
        each("callCancelled", l -> l.callCancelled(call));
    }
}
