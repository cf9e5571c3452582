package dev.llmring.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Limiter}'s answer for one attempt: admitted with a {@link Permit}, limited (ask again after
 * {@link #retryAfter()}), or over budget (do not wait: the period's budget will not come back within a call).
 */
public final class Admission {
    private enum Kind {
        ADMITTED,
        LIMITED,
        OVER_BUDGET
    }

    private final Kind kind;
    private final @Nullable Permit permit;
    private final String reason;
    private final Duration retryAfter;
    private final Duration maxWait;

    private Admission(Kind kind, @Nullable Permit permit, String reason, Duration retryAfter, Duration maxWait) {
        this.kind = kind;
        this.permit = permit;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.maxWait = maxWait;
    }

    /**
     * The attempt may be sent; {@code permit} is settled after it.
     *
     * @param permit the hold the limiter took for the attempt ({@link Permit#NONE} when it holds nothing)
     * @return an admission
     */
    public static Admission admitted(Permit permit) {
        return new Admission(Kind.ADMITTED, Objects.requireNonNull(permit, "permit"), "", Duration.ZERO, Duration.ZERO);
    }

    /**
     * A limit refuses the attempt now.
     *
     * @param reason names the limit and its value, as the trace shows it
     * @param retryAfter when asking again may succeed (zero or more)
     * @param maxWait the longest this limit lets a call wait for it when no other binding is left; zero never waits
     * @return a refusal for now
     * @throws IllegalArgumentException when a duration is negative or the reason blank
     */
    public static Admission limited(String reason, Duration retryAfter, Duration maxWait) {
        return new Admission(Kind.LIMITED, null, reason(reason), nonNegative(retryAfter), nonNegative(maxWait));
    }

    /**
     * A spend budget refuses the attempt: its worst-case cost does not fit what is left of the period's budget.
     *
     * @param reason names the budget, its period and what is left, as the trace shows it
     * @return a refusal for the rest of the budget's period
     * @throws IllegalArgumentException when the reason is blank
     */
    public static Admission overBudget(String reason) {
        return new Admission(Kind.OVER_BUDGET, null, reason(reason), Duration.ZERO, Duration.ZERO);
    }

    /** {@return whether the attempt may be sent (its {@link #permit()} is present)} */
    public boolean isAdmitted() {
        return kind == Kind.ADMITTED;
    }

    /** {@return whether a rate or concurrency limit refuses the attempt for now} */
    public boolean isLimited() {
        return kind == Kind.LIMITED;
    }

    /** {@return whether a spend budget refuses the attempt} */
    public boolean isOverBudget() {
        return kind == Kind.OVER_BUDGET;
    }

    /** {@return the permit of an admitted attempt; empty otherwise} */
    public Optional<Permit> permit() {
        return Optional.ofNullable(permit);
    }

    /** {@return why the attempt was refused; empty when admitted} */
    public String reason() {
        return reason;
    }

    /** {@return when asking again may succeed (limited only; zero otherwise)} */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@return the longest the limit lets a call wait (limited only; zero otherwise)} */
    public Duration maxWait() {
        return maxWait;
    }

    private static String reason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) throw new IllegalArgumentException("reason must not be blank");
        return reason;
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) throw new IllegalArgumentException("duration must not be negative, was " + d);
        return d;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADMITTED -> "Admission[admitted]";
            case LIMITED -> "Admission[limited: " + reason + ", retry after " + retryAfter.toMillis() + " ms]";
            case OVER_BUDGET -> "Admission[over budget: " + reason + "]";
        };
    }
}
