package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When to stop calling a binding that keeps failing. One breaker per {@code provider:model}: after
 * {@link #failureThreshold()} consecutive failures that would make the router fail over (connection failures,
 * timeouts, 408/409/429/5xx/529, model not found, authentication, malformed answers) it opens, and the router skips
 * the binding (recording it in the trace) instead of calling it. After {@link #openDuration()} exactly one call is let
 * through as a probe, while concurrent calls keep skipping; the probe's success closes the breaker, its failure
 * opens it again. Invalid requests and context-window overflows say nothing about a binding's health and do not
 * count.
 */
public final class CircuitBreakerPolicy {
    private static final CircuitBreakerPolicy DEFAULTS = new CircuitBreakerPolicy(5, Duration.ofSeconds(30));
    private static final CircuitBreakerPolicy DISABLED = new CircuitBreakerPolicy(0, Duration.ofSeconds(30));

    private final int failureThreshold;
    private final Duration openDuration;

    private CircuitBreakerPolicy(int failureThreshold, Duration openDuration) {
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
    }

    /** {@return the default policy: opens after 5 consecutive failures, probes after 30 s} */
    public static CircuitBreakerPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy that never opens} */
    public static CircuitBreakerPolicy disabled() {
        return DISABLED;
    }

    /**
     * A breaker that opens after {@code failureThreshold} consecutive failures and probes after {@code openDuration}.
     *
     * @param failureThreshold consecutive failures that open the breaker
     * @param openDuration how long an open breaker skips its binding before one probe
     * @return the policy
     * @throws IllegalArgumentException unless {@code failureThreshold >= 1} and {@code openDuration} is positive
     */
    public static CircuitBreakerPolicy of(int failureThreshold, Duration openDuration) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
        return new CircuitBreakerPolicy(failureThreshold, Timeouts.Builder.positive(openDuration, "openDuration"));
    }

    /** {@return consecutive failures that open the breaker; 0 when disabled} */
    public int failureThreshold() {
        return failureThreshold;
    }

    /** {@return how long an open breaker skips its binding before letting one probe through} */
    public Duration openDuration() {
        return openDuration;
    }

    /** {@return whether the breaker can open at all (false for {@link #disabled()})} */
    public boolean isEnabled() {
        return failureThreshold > 0;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CircuitBreakerPolicy p
                && p.failureThreshold == failureThreshold
                && p.openDuration.equals(openDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, openDuration);
    }

    @Override
    public String toString() {
        return isEnabled()
                ? "CircuitBreakerPolicy[failureThreshold=" + failureThreshold + ", openDuration=" + openDuration + "]"
                : "CircuitBreakerPolicy[disabled]";
    }
}
