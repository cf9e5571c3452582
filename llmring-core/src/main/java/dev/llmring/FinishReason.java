package dev.llmring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why the model stopped. Adapters normalise the provider's value to one of the constants where one fits and keep the
 * provider's own string in {@link #raw()}; an unknown value survives as {@link #OTHER}-kind with its raw string.
 */
public final class FinishReason {
    /** The model finished its answer (or hit a stop sequence). */
    public static final FinishReason STOP = new FinishReason("stop", "stop");
    /** The output token limit was reached. */
    public static final FinishReason LENGTH = new FinishReason("length", "length");
    /** The model asks for one or more tool calls. */
    public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls", "tool_calls");
    /** The provider's safety system stopped or withheld the answer. */
    public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter", "content_filter");
    /** The model refused to answer. */
    public static final FinishReason REFUSAL = new FinishReason("refusal", "refusal");
    /** A reason none of the constants fits; see {@link #raw()}. */
    public static final FinishReason OTHER = new FinishReason("other", "other");

    private final String kind;
    private final String raw;

    private FinishReason(String kind, String raw) {
        this.kind = kind;
        this.raw = raw;
    }

    /**
     * A finish reason of the normalised kind of {@code known} carrying the provider's own string, e.g.
     * {@code FinishReason.of(FinishReason.LENGTH, "max_tokens")}.
     *
     * @param known the constant whose kind applies
     * @param raw the provider's own string
     * @return {@code known} itself when {@code raw} is its own string, else a new finish reason of that kind
     */
    public static FinishReason of(FinishReason known, String raw) {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(raw, "raw");
        return raw.equals(known.raw) ? known : new FinishReason(known.kind, raw);
    }

    /**
     * A finish reason no constant fits.
     *
     * @param raw the provider's own string
     * @return a finish reason of kind {@code other} carrying {@code raw}
     */
    public static FinishReason other(String raw) {
        return of(OTHER, raw);
    }

    /**
     * {@return the normalised kind: {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter},
     * {@code refusal} or {@code other}}
     */
    public String kind() {
        return kind;
    }

    /** {@return the provider's own string, e.g. {@code end_turn}, {@code MAX_TOKENS}} */
    public String raw() {
        return raw;
    }

    /**
     * Whether this is of the same normalised kind as {@code other}, whatever the raw strings.
     *
     * @param other the finish reason to compare with, usually a constant
     * @return true when the kinds are equal
     */
    public boolean is(FinishReason other) {
        return kind.equals(other.kind);
    }

    /** Equal when kind and raw string are equal. Use {@link #is(FinishReason)} to compare kinds. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FinishReason f && f.kind.equals(kind) && f.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + raw.hashCode();
    }

    @Override
    public String toString() {
        return kind.equals(raw) ? kind : kind + "(" + raw + ")";
    }
}
