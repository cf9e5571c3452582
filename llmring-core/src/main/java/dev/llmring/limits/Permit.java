package dev.llmring.limits;

/**
 * An admitted attempt's hold on its limits: a concurrency slot, tokens reserved on the estimate, a budget reservation
 * at the worst-case cost. The router settles it exactly once with what happened; later calls are ignored.
 */
@FunctionalInterface
public interface Permit {

    /** A permit that holds nothing. */
    Permit NONE = outcome -> {};

    /**
     * Ends the hold: frees the concurrency slot, corrects reserved tokens and cost to the real usage (or, with no
     * usage, keeps the estimate), and lets the response's rate-limit headers and status tighten the limits.
     *
     * @param outcome what the attempt received; {@link Outcome#NOT_SENT} when nothing
     */
    void settle(Outcome outcome);

    /** Ends the hold of an attempt that got no response (cancelled, failed before the headers): as settle. */
    default void release() {
        settle(Outcome.NOT_SENT);
    }
}
