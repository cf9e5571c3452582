package dev.llmring;

import dev.llmring.internal.registry.Budget;
import dev.llmring.internal.registry.TokenEstimator;
import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.Outcome;
import dev.llmring.limits.Permit;
import dev.llmring.registry.ModelInfo;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The router's side of the {@link Limiter}: describes each attempt (token estimate, worst-case cost), and turns a
 * refusal into a skip (over budget, or limited while other bindings are left) or a wait within the deadline and the
 * limit's longest wait, woken by cancellation. Also turns what an attempt came to into the {@link Outcome} its
 * permit is settled with.
 */
final class LimitGate {
    private static final Duration LEAST_WAIT = Duration.ofMillis(1);

    private final Limiter limiter;
    private final boolean estimates;
    private final @Nullable ModelLookup lookup;
    private final PoolResolver pools;

    LimitGate(Limiter limiter, @Nullable ModelLookup lookup, PoolResolver pools) {
        this.limiter = limiter;
        this.estimates = limiter.usesEstimates();
        this.lookup = lookup;
        this.pools = pools;
    }

    Limiter limiter() {
        return limiter;
    }

    /**
     * A permit for the next try of {@code target}, waiting for it when nothing else is left; null when the binding is
     * skipped (recorded through {@code router}).
     *
     * @throws CancellationException when the call is cancelled while waiting
     */
    @Nullable
    Permit admit(Router router, Router.CallState call, Target target, boolean othersLeft) {
        if (limiter == Limiter.NONE) return Permit.NONE;
        LimitedAttempt attempt = describe(call.request, target);
        while (true) {
            Admission a = limiter.admit(attempt);
            Optional<Permit> permit = a.permit();
            if (permit.isPresent()) return permit.get();
            if (a.isOverBudget()) {
                BudgetExceededException e =
                        new BudgetExceededException(a.reason(), ErrorDetails.of(target.provider(), target.model()));
                call.overBudget.add(e);
                call.lastSkipCause = e;
                router.skipped(call, target, a.reason());
                return null;
            }
            Duration wait = a.retryAfter().compareTo(LEAST_WAIT) < 0 ? LEAST_WAIT : a.retryAfter();
            if (othersLeft && !call.waitForLimits) {
                call.deferred.add(target);
                router.skipped(call, target, a.reason() + "; trying the other bindings first");
                return null;
            }
            if (wait.compareTo(a.maxWait()) > 0) {
                router.skipped(
                        call,
                        target,
                        a.reason() + "; the wait of " + wait.toMillis() + " ms is longer than the "
                                + a.maxWait().toMillis() + " ms this limit allows");
                return null;
            }
            if (wait.compareTo(call.deadline.remaining()) >= 0) {
                router.skipped(
                        call, target, a.reason() + "; a wait of " + wait.toMillis() + " ms would pass the deadline");
                return null;
            }
            sleep(router, call, wait);
            router.settings.listener().waited(call.info, target.toString(), wait, a.reason());
        }
    }

    /** Sleeps on the client's sleeper; {@link CallControl#cancel()} interrupts it like an exchange in flight. */
    private static void sleep(Router router, Router.CallState call, Duration wait) {
        Object token = new Object();
        call.control.sending(token);
        try {
            router.settings.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            if (!call.control.isCancelled()) Thread.currentThread().interrupt();
            throw new CancellationException("the call was interrupted while waiting for a rate limit");
        } finally {
            call.control.sending(null);
        }
        call.control.checkNotCancelled();
    }

    LimitedAttempt describe(ChatRequest request, Target target) {
        LimitedAttempt.Builder b = LimitedAttempt.builder(request.model(), target.provider(), target.model())
                .tag(request.tag().orElse(null));
        if (!estimates) return b.build();
        return b.estimatedInputTokens(TokenEstimator.inputTokens(request))
                .maxOutputTokens(
                        request.maxOutputTokens().isPresent()
                                ? request.maxOutputTokens().getAsInt()
                                : null)
                .worstCaseCost(worstCase(request, target))
                .build();
    }

    private @Nullable BigDecimal worstCase(ChatRequest request, Target target) {
        if (lookup == null) return null;
        try {
            dev.llmring.lockfile.@Nullable Profile p = pools.lockfileProfile();
            Optional<Integer> pinned = p == null
                    ? Optional.empty()
                    : Optional.ofNullable(p.registryVersions().get(target.provider()));
            Optional<ModelInfo> info = lookup.model(target.provider(), target.model(), pinned, false);
            return info.flatMap(m -> Budget.worstCaseCost(m, request)).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Settles {@code permit} with the outcome of a response that succeeded (see {@link #succeeded}); the outcome is
     * not even made for {@link Permit#NONE}, which no limiter holds.
     */
    static void settleSucceeded(Permit permit, @Nullable Head head, @Nullable ChatResponse response) {
        if (permit != Permit.NONE) permit.settle(succeeded(head, response));
    }

    /** Settles {@code permit} with the outcome of a failed attempt (see {@link #failed}), as {@link #settleSucceeded}. */
    static void settleFailed(Permit permit, @Nullable Head head, LlmRingException e) {
        if (permit != Permit.NONE) permit.settle(failed(head, e));
    }

    /** The outcome of a response that succeeded: its head, usage and priced cost (null: finishing it failed). */
    static Outcome succeeded(@Nullable Head head, @Nullable ChatResponse response) {
        if (response == null) return outcome(head).build();
        Cost cost = response.cost().orElse(null);
        return outcome(head)
                .usage(response.usage().orElse(null))
                .cost(cost != null && cost.isPriced() ? cost.total() : null)
                .build();
    }

    /** The outcome of a failed attempt: the head if one arrived, the status and delay the failure names. */
    static Outcome failed(@Nullable Head head, LlmRingException e) {
        Outcome.Builder b = outcome(head).retryAfter(e.retryAfter().orElse(null));
        if (e.status() >= 100 && e.status() <= 599) b.status(e.status());
        return b.build();
    }

    private static Outcome.Builder outcome(@Nullable Head head) {
        Outcome.Builder b = Outcome.builder();
        if (head != null) b.status(head.status()).headers(head.headers().map());
        return b;
    }

    /** The status and headers of the response an attempt received. */
    record Head(int status, HttpHeaders headers) {}
}
