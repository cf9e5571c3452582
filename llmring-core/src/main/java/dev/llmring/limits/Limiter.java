package dev.llmring.limits;

/**
 * Decides, before each attempt, whether a call may be sent to a binding now: the router asks {@link #admit} before
 * every try (retries included) and, when admitted, settles the {@link Permit} after it with what happened.
 *
 * <p>What the router does with the answer (see {@code docs/limits.md}):
 *
 * <ul>
 *   <li>{@linkplain Admission#isAdmitted() admitted}: the attempt is sent; its permit is settled exactly once, on
 *       every path (success, failure, cancellation, a stream's end or close);</li>
 *   <li>{@linkplain Admission#isOverBudget() over budget}: the binding is skipped (a cheaper one may follow); when
 *       none is left the call fails with {@link dev.llmring.BudgetExceededException} before anything is sent;</li>
 *   <li>{@linkplain Admission#isLimited() limited}: when another binding of the pool is left, the binding is skipped
 *       for now (a skip in the trace); once nothing else is left the router waits for it, within the call's deadline
 *       and the limit's {@linkplain Admission#maxWait() longest wait}, reporting the wait through
 *       {@link dev.llmring.LlmRingListener#waited}, and asks again.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe and must not block: {@link #admit} answers at once (a shared store is
 * asked under a short timeout).
 */
public interface Limiter extends AutoCloseable {

    /** Admits everything: the limiter of a client without limits. */
    Limiter NONE = attempt -> Admission.admitted(Permit.NONE);

    /**
     * Whether {@code attempt} may be sent now. Does not block.
     *
     * @param attempt the binding about to be tried, with its estimates
     * @return an admission with its permit, or why not and when to ask again
     */
    Admission admit(LimitedAttempt attempt);

    /**
     * Whether {@link #admit} reads the attempt's {@linkplain LimitedAttempt#estimatedInputTokens() token estimate},
     * {@linkplain LimitedAttempt#maxOutputTokens() output cap} and {@linkplain LimitedAttempt#worstCaseCost() worst-case
     * cost}. When false the router leaves them out (no estimate, no cap, no cost), which spares every attempt the
     * walk over its messages and a registry lookup. Asked once, when the client is built.
     *
     * @return true (the default) unless this limiter never reads the estimates
     */
    default boolean usesEstimates() {
        return true;
    }

    /** Releases what the limiter holds (connections, files). Called when the client that created it closes. */
    @Override
    default void close() {}
}
