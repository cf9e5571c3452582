package dev.llmring;

import dev.llmring.limits.Permit;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of one call: resolve the pool, walk it in order under one deadline, skip what cannot be called, try each
 * binding with retries, fail over on the failures that allow it, and report. The per-attempt HTTP work is in
 * {@link Exchanges}; this class holds the rules (DESIGN.md, "Decisions already taken"):
 *
 * <ul>
 *   <li>skip: provider unknown or unconfigured, no key where one is needed, breaker open, a context window known
 *       not to be larger than one that already overflowed, preflight says no, the binding needs media bytes while
 *       fetching is off, the adapter cannot encode the request, a period budget refuses it ({@link LimitGate}), a
 *       rate limit refuses it while other bindings are left (it is tried again, waiting, once none is);</li>
 *   <li>end the call: invalid request (400/422), the deadline, cancellation, a media URL refused by the fetcher,
 *       preflight errors other than the budget;</li>
 *   <li>retry the same binding: connection failures, attempt/stream timeouts, 408/409/429/5xx/529, with full-jitter
 *       backoff or the delay the provider asked for (too long a delay means fail over now);</li>
 *   <li>fail over: after the retries, and at once on model-not-found, authentication (logged at WARN),
 *       context-window overflow and malformed answers.</li>
 * </ul>
 *
 * When every tried binding failed, the last failure is thrown with the earlier ones suppressed; when none could be
 * tried, {@link BudgetExceededException} if a budget refused one of them, else {@link NoUsableBindingException}.
 * Every exception leaving here carries the trace.
 */
final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    final Settings settings;
    private final Exchanges exchanges;
    private final CircuitBreakers breakers;
    private final Map<String, List<Target>> pools = new ConcurrentHashMap<>();
    private final AtomicLong ids;

    /** Everything a router needs, fixed when the client is built. */
    record Settings(
            Providers providers,
            PoolResolver resolver,
            Timeouts timeouts,
            RetryPolicy retry,
            Clock clock,
            Sleeper sleeper,
            DoubleSupplier random,
            LlmRingListener listener,
            RemoteMedia media,
            Preflight preflight,
            ContextWindows windows,
            AfterResponse afterResponse,
            Failures failures,
            LimitGate limits) {}

    Router(Settings settings, Transport transport, CircuitBreakers breakers, AtomicLong ids) {
        this.settings = settings;
        this.exchanges = new Exchanges(settings, transport);
        this.breakers = breakers;
        this.ids = ids;
    }

    /** One call in progress. */
    static final class CallState {
        final LlmRingListener.Call info;
        final ChatRequest request;
        final Deadline deadline;
        final TraceRecorder trace;
        final CallControl control;
        final List<LlmRingException> failures = new ArrayList<>();
        final List<Target> overflowed = new ArrayList<>();
        final List<BudgetExceededException> overBudget = new ArrayList<>();
        final Map<String, ContentPart.Media> fetched = new java.util.HashMap<>();
        /** Bindings skipped for a rate limit while others were left; tried again, waiting, once none is. */
        final List<Target> deferred = new ArrayList<>();

        boolean waitForLimits;

        /** The status and headers of the response the current attempt received, for its limit permit. */
        LimitGate.@Nullable Head head;

        final CallTimer timer;

        @Nullable
        List<Target> pool;

        @Nullable
        LlmRingException lastSkipCause;

        /** The registry entry the preflight resolved for the binding last checked, for the response's cost. */
        final RegistryEntry registry = new RegistryEntry();

        CallState(LlmRingListener.Call info, Deadline deadline, CallControl control, CallTimer timer) {
            this.info = info;
            this.timer = timer;
            this.request = info.request();
            this.deadline = deadline;
            this.trace = new TraceRecorder(request.model(), info.profile());
            this.control = control;
        }
    }

    /**
     * What served: the binding, which try of it, when that try started, the attempt's result, and its limit permit
     * (settled when the response is complete).
     */
    record Served<T>(Target target, int number, Instant started, T value, Permit limit) {}

    @FunctionalInterface
    interface Attempt<T> {
        T run(CallState call, Target target, ProviderAdapter adapter, HttpCall http) throws InterruptedException;
    }

    ChatResponse chat(ChatRequest request, CallControl control) {
        CallState call = begin(request, false, control);
        try {
            Served<ChatResponse.Builder> served = route(call, exchanges::chat);
            Duration took = Duration.between(served.started(), settings.clock().instant());
            settings.listener().attemptEnd(call.info, call.trace.succeeded(served.target(), served.number(), took));
            ChatResponse response = null;
            try {
                response = complete(call, served.target(), served.value(), null);
                return response;
            } finally {
                LimitGate.settleSucceeded(served.limit(), call.head, response);
            }
        } catch (LlmRingException e) {
            throw failed(call, e);
        } catch (CancellationException e) {
            settings.listener().callCancelled(call.info);
            throw e;
        }
    }

    ChatStream stream(ChatRequest request, CallControl control) {
        CallState call = begin(request, true, control);
        try {
            Served<Exchanges.StreamStart> served = route(call, exchanges::stream);
            Duration firstEvent = call.deadline.elapsed();
            settings.listener().firstEvent(call.info, firstEvent);
            return new RoutedStream(this, call, served, firstEvent);
        } catch (LlmRingException e) {
            throw failed(call, e);
        } catch (CancellationException e) {
            settings.listener().callCancelled(call.info);
            throw e;
        }
    }

    private CallState begin(ChatRequest request, boolean streaming, CallControl control) {
        Clock clock = settings.clock();
        CallTimer timer = CallTimer.start(clock);
        Deadline deadline =
                new Deadline(clock, request.timeout().orElse(settings.timeouts().deadline()));
        LlmRingListener.Call info = new LlmRingListener.Call(
                ids.incrementAndGet(),
                request,
                streaming,
                settings.resolver().profile(),
                deadline.start(),
                settings.resolver().lockDigest(),
                settings.providers().redactor());
        CallState call = new CallState(info, deadline, control, timer);
        settings.listener().callStart(info);
        try {
            call.pool = pools.computeIfAbsent(
                    request.model(),
                    m -> List.copyOf(
                            settings.resolver().resolve(m, settings.providers().names())));
        } catch (LlmRingException e) {
            throw failed(call, e);
        }
        return call;
    }

    /** Finishes a successful call: latency, trace, after-response hook, listeners. */
    ChatResponse complete(CallState call, Target target, ChatResponse.Builder builder, @Nullable Duration firstEvent) {
        ChatResponse response = builder.latency(call.deadline.elapsed())
                .timeToFirstEvent(firstEvent)
                .trace(call.trace.build(target))
                .timing(call.timer.finish(builder.usage(), call.info.streaming()))
                .build();
        try {
            response = settings.afterResponse().apply(call.request, call.info.profile(), response, call.registry);
        } catch (RuntimeException e) {
            LOG.debug("after-response hook failed for {}: {}", target, e.toString());
        }
        ChatResponse done = response;
        Usage usage = done.usage().orElse(null); // no lambda: runs every call
        if (usage != null) settings.listener().usage(call.info, target.toString(), usage);
        settings.listener().callEnd(call.info, done);
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "call {} ({}) served by {} in {} ms",
                    call.info.id(),
                    call.request.model(),
                    target,
                    done.latency().toMillis());
        }
        return done;
    }

    /** Attaches the trace to the exception that ends a call and tells the listeners. */
    LlmRingException failed(CallState call, LlmRingException e) {
        e.attachTrace(call.trace.build(null));
        settings.listener().callFailed(call.info, e);
        LOG.debug("call {} ({}) failed: {}", call.info.id(), call.request.model(), e.getMessage());
        return e;
    }

    private <T> Served<T> route(CallState call, Attempt<T> attempt) {
        Deque<Target> queue = new ArrayDeque<>(java.util.Objects.requireNonNull(call.pool));
        for (Target target = queue.poll(); target != null; target = next(call, queue)) {
            String skip = skipReason(call, target);
            if (skip != null) {
                skipped(call, target, skip);
                continue;
            }
            ProviderAdapter adapter = java.util.Objects.requireNonNull(
                    java.util.Objects.requireNonNull(settings.providers().get(target.provider()))
                            .adapter());
            ChatRequest request;
            try {
                request = settings.media().requestFor(call.request, adapter, call.fetched);
            } catch (RemoteUrlRefusedException e) {
                if (e.rule() != RemoteUrlRefusedException.Rule.DISABLED) throw endCall(call, e);
                skipped(call, target, e.getMessage());
                call.lastSkipCause = e;
                continue;
            }
            HttpCall http;
            try {
                http = adapter.encode(request, target.model(), call.info.streaming());
            } catch (InvalidRequestException e) {
                skipped(
                        call,
                        target,
                        "cannot serve this request: " + settings.failures().clean(e.getMessage()));
                call.lastSkipCause = e;
                continue;
            }
            call.trace.endpoint(target, http.uri());
            if (LOG.isTraceEnabled()) LOG.trace("call {} -> {}: {}", call.info.id(), target, http);
            for (int number = 1; ; number++) {
                call.control.checkNotCancelled();
                Permit limit = settings.limits().admit(this, call, target, !queue.isEmpty());
                if (limit == null) break;
                CircuitBreakers.Permit permit = breakers.acquire(target);
                String refusal = permit.refusal();
                if (refusal != null) {
                    limit.release();
                    skipped(call, target, refusal);
                    break;
                }
                if (!isPositive(call.deadline.remaining())) {
                    limit.release();
                    permit.record(CircuitBreakers.Verdict.UNKNOWN);
                    throw endCall(
                            call,
                            Failures.timeout(
                                    target, LlmRingTimeoutException.Kind.DEADLINE, call.deadline.limit(), null));
                }
                Instant started = settings.clock().instant();
                settings.listener().attemptStart(call.info, target.toString(), number);
                T value;
                call.head = null;
                try {
                    value = attempt.run(call, target, adapter, http);
                } catch (LlmRingException e) {
                    LimitGate.settleFailed(limit, call.head, e);
                    permit.record(verdict(e));
                    Duration took = Duration.between(started, settings.clock().instant());
                    settings.listener().attemptEnd(call.info, call.trace.failed(target, number, e, took));
                    call.failures.add(e);
                    Duration delay = nextStep(call, target, e, number);
                    if (delay == null) break;
                    sleep(call, delay);
                    continue;
                } catch (InterruptedException e) {
                    limit.release();
                    permit.record(CircuitBreakers.Verdict.UNKNOWN);
                    Thread.currentThread().interrupt();
                    throw new CancellationException("the call was interrupted");
                } catch (RuntimeException | Error e) {
                    limit.release();
                    permit.record(CircuitBreakers.Verdict.UNKNOWN);
                    throw e;
                }
                permit.record(CircuitBreakers.Verdict.HEALTHY);
                return new Served<>(target, number, started, value, limit);
            }
        }
        if (call.failures.isEmpty()) {
            List<String> reasons = call.trace.skipReasons();
            if (!call.overBudget.isEmpty()) {
                BudgetExceededException first = call.overBudget.get(0);
                throw new BudgetExceededException(
                        "no binding for '" + call.request.model() + "' in profile '" + call.info.profile()
                                + "' fits the budget:\n  " + String.join("\n  ", reasons),
                        first.details(),
                        first);
            }
            throw new NoUsableBindingException(
                    "no usable binding for '" + call.request.model() + "' in profile '" + call.info.profile() + "':\n  "
                            + String.join("\n  ", reasons),
                    reasons,
                    call.lastSkipCause);
        }
        throw endCall(call, call.failures.remove(call.failures.size() - 1));
    }

    /**
     * What to do after {@code e} ended try {@code number} of {@code target}: the delay before retrying it, or null to
     * fail over.
     *
     * @throws LlmRingException {@code e} itself (or a deadline timeout) when it ends the call
     */
    private @Nullable Duration nextStep(CallState call, Target target, LlmRingException e, int number) {
        if (e instanceof LlmRingTimeoutException t && t.kind() == LlmRingTimeoutException.Kind.DEADLINE) {
            call.failures.remove(e);
            throw endCall(call, e);
        }
        if (e instanceof ContextWindowExceededException) {
            call.overflowed.add(target);
            return null;
        }
        if (e instanceof AuthenticationException) {
            LOG.warn("{} rejected the credentials (HTTP {}); failing over to the next binding", target, e.status());
            return null;
        }
        if (!failsOver(e)) {
            call.failures.remove(e);
            throw endCall(call, e);
        }
        if (!e.isRetryable() || number >= settings.retry().maxAttempts()) return null;
        Duration asked = e.retryAfter().orElse(null);
        if (asked != null && asked.compareTo(settings.retry().maxRetryAfter()) > 0) {
            LOG.debug(
                    "{} asked to wait {} ms, more than the {} ms honoured; failing over",
                    target,
                    asked.toMillis(),
                    settings.retry().maxRetryAfter().toMillis());
            return null;
        }
        Duration delay = asked != null
                ? asked
                : settings.retry().backoff(number, settings.random().getAsDouble());
        if (delay.compareTo(call.deadline.remaining()) >= 0) {
            LOG.debug("{}: a retry in {} ms would pass the deadline; failing over", target, delay.toMillis());
            return null;
        }
        LOG.debug("{} failed ({}); retry {} in {} ms", target, e.getClass().getSimpleName(), number, delay.toMillis());
        return delay;
    }

    /**
     * The next binding to try: the pool in order, then the bindings a rate limit deferred, which are now waited for.
     */
    private static @Nullable Target next(CallState call, Deque<Target> queue) {
        if (queue.isEmpty() && !call.deferred.isEmpty()) {
            queue.addAll(call.deferred);
            call.deferred.clear();
            call.waitForLimits = true;
        }
        return queue.poll();
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** The failures after which the next binding may do better. */
    static boolean failsOver(LlmRingException e) {
        return e instanceof ConnectionException
                || e instanceof LlmRingTimeoutException
                || e instanceof ProviderUnavailableException
                || e instanceof RateLimitException
                || e instanceof ModelNotFoundException
                || e instanceof AuthenticationException
                || e instanceof ContextWindowExceededException
                || e instanceof StreamException;
    }

    private static CircuitBreakers.Verdict verdict(LlmRingException e) {
        if (e instanceof InvalidRequestException) return CircuitBreakers.Verdict.HEALTHY;
        if (e instanceof LlmRingTimeoutException t && t.kind() == LlmRingTimeoutException.Kind.DEADLINE) {
            return CircuitBreakers.Verdict.UNKNOWN;
        }
        return failsOver(e) ? CircuitBreakers.Verdict.FAILED : CircuitBreakers.Verdict.UNKNOWN;
    }

    /** {@code last} with every other failure of the call suppressed in it. */
    private static LlmRingException endCall(CallState call, LlmRingException last) {
        for (LlmRingException earlier : call.failures) {
            if (earlier != last) last.addSuppressed(earlier);
        }
        return last;
    }

    /** The backoff before a retry; a cancel (the client closed) interrupts it at once, on any thread. */
    private void sleep(CallState call, Duration delay) {
        call.control.sending(new Object()); // registers this thread, so that cancel() interrupts the sleep
        try {
            settings.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            if (call.control.isCancelled()) throw new CancellationException("the call was cancelled");
            Thread.currentThread().interrupt();
            throw new CancellationException("the call was interrupted");
        } finally {
            call.control.sending(null); // clears an interrupt the cancel gave this thread
        }
        call.control.checkNotCancelled();
    }

    void skipped(CallState call, Target target, String reason) {
        LOG.debug("call {}: skipping {}: {}", call.info.id(), target, reason);
        call.trace.skipped(target, reason);
        settings.listener().attemptSkipped(call.info, target.toString(), reason);
    }

    private @Nullable String skipReason(CallState call, Target target) {
        Providers.Slot slot = settings.providers().get(target.provider());
        if (slot == null) {
            return "provider '" + target.provider() + "' is not registered (known: "
                    + String.join(", ", settings.providers().names()) + ")";
        }
        String unusable = Providers.unusable(slot);
        if (unusable != null) return unusable;
        String smaller = notLargerWindow(call, target);
        if (smaller != null) return smaller;
        try {
            return settings.preflight()
                    .check(new Preflight.Check(
                            call.request,
                            call.info.profile(),
                            settings.resolver().lockfileProfile(),
                            target,
                            call.info.streaming(),
                            call.registry));
        } catch (ContextWindowExceededException e) {
            call.overflowed.add(target);
            call.lastSkipCause = e;
            return settings.failures().clean(e.getMessage());
        } catch (BudgetExceededException e) {
            call.overBudget.add(e);
            call.lastSkipCause = e;
            return settings.failures().clean(e.getMessage());
        }
    }

    /** After an overflow: why {@code target}'s window is known not to be larger than one that overflowed. */
    private @Nullable String notLargerWindow(CallState call, Target target) {
        if (call.overflowed.isEmpty()) return null;
        OptionalLong window = settings.windows().of(target);
        if (window.isEmpty()) return null;
        for (Target o : call.overflowed) {
            OptionalLong overflowed = settings.windows().of(o);
            if (overflowed.isPresent() && window.getAsLong() <= overflowed.getAsLong()) {
                return "context window of " + window.getAsLong() + " tokens is not larger than the "
                        + overflowed.getAsLong() + " of " + o + ", which overflowed";
            }
        }
        return null;
    }
}
