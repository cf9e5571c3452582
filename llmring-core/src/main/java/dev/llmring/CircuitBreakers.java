package dev.llmring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One breaker per {@code provider:model} (see {@link CircuitBreakerPolicy}). Every {@link #acquire} that returns a
 * permit must be followed by exactly one {@link Permit#record}; a half-open breaker hands out exactly one probe
 * permit and refuses everyone else until that probe is recorded.
 */
final class CircuitBreakers {
    /** How an attempt ended, for the breaker. */
    enum Verdict {
        /** The binding answered (even if it rejected the request as invalid). */
        HEALTHY,
        /** A failure that counts: the binding could not serve. */
        FAILED,
        /** Nothing learnt (cancelled, the call's deadline ran out): a probe slot is released for the next caller. */
        UNKNOWN
    }

    private final CircuitBreakerPolicy policy;
    private final Clock clock;
    private final Map<Target, Breaker> breakers = new ConcurrentHashMap<>();

    CircuitBreakers(CircuitBreakerPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** A permit to call {@code target}; its {@link Permit#refusal()} is set when the breaker refuses. */
    Permit acquire(Target target) {
        if (!policy.isEnabled()) return Permit.FREE;
        return breakers.computeIfAbsent(target, t -> new Breaker()).acquire();
    }

    /** Permission for one attempt. */
    static final class Permit {
        static final Permit FREE = new Permit(null, false, null);

        private final @Nullable Breaker breaker;
        private final boolean probe;
        private final @Nullable String refusal;

        private Permit(@Nullable Breaker breaker, boolean probe, @Nullable String refusal) {
            this.breaker = breaker;
            this.probe = probe;
            this.refusal = refusal;
        }

        /** Why the breaker refused, or null when the attempt may go ahead. */
        @Nullable
        String refusal() {
            return refusal;
        }

        boolean isProbe() {
            return probe;
        }

        void record(Verdict verdict) {
            if (breaker != null && refusal == null) breaker.record(probe, verdict);
        }
    }

    /**
     * One binding's breaker. State changes under its lock; the common case (closed, and the attempt went well with no
     * failure counted) reads two volatile fields and takes no lock, so that concurrent calls to one binding do not
     * queue on it.
     */
    private final class Breaker {
        private final Permit closedPermit = new Permit(this, false, null);
        private volatile int failures;
        private volatile @Nullable Instant openUntil; // non-null: open (or half-open when probing)
        private boolean probing;

        Permit acquire() {
            if (openUntil == null) return closedPermit;
            return acquireLocked();
        }

        private synchronized Permit acquireLocked() {
            Instant openUntil = this.openUntil;
            if (openUntil == null) return closedPermit;
            if (probing) return new Permit(null, false, "circuit breaker half-open, a probe is in flight");
            Instant now = clock.instant();
            if (now.isBefore(openUntil)) {
                return new Permit(
                        null,
                        false,
                        "circuit breaker open for another "
                                + Duration.between(now, openUntil).toMillis() + " ms");
            }
            probing = true;
            return new Permit(this, true, null);
        }

        void record(boolean probe, Verdict verdict) {
            if (!probe && (verdict == Verdict.UNKNOWN || verdict == Verdict.HEALTHY && failures == 0)) {
                return; // nothing would change
            }
            recordLocked(probe, verdict);
        }

        private synchronized void recordLocked(boolean probe, Verdict verdict) {
            if (probe) {
                probing = false;
                switch (verdict) {
                    case HEALTHY -> {
                        openUntil = null;
                        failures = 0;
                    }
                    case FAILED -> openUntil = clock.instant().plus(policy.openDuration());
                    case UNKNOWN -> {} // still open, already due: the next caller probes
                }
                return;
            }
            if (openUntil != null) return; // opened by someone else meanwhile; only a probe closes it
            if (verdict == Verdict.HEALTHY) {
                failures = 0;
            } else if (verdict == Verdict.FAILED && ++failures >= policy.failureThreshold()) {
                openUntil = clock.instant().plus(policy.openDuration());
                failures = 0;
            }
        }
    }
}
