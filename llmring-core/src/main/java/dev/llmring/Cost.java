package dev.llmring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What one call cost, in US dollars, from the registry's prices and the call's {@link Usage}. Immutable.
 *
 * <p>When {@link #status()} is {@link Status#PRICED}, the components add up to {@link #total()}:
 * <ul>
 *   <li>{@link #input()}: input tokens neither read from nor written to the prompt cache, at the input rate;</li>
 *   <li>{@link #cachedInput()}: input tokens read from the cache, at the cache-read rate (and not also at the input
 *       rate);</li>
 *   <li>{@link #cacheWrite5m()} / {@link #cacheWrite1h()}: input tokens written to the cache, at the write rate of
 *       that lifetime;</li>
 *   <li>{@link #output()}: output tokens, reasoning included unless the model prices reasoning apart;</li>
 *   <li>{@link #reasoning()}: reasoning tokens, when the model prices them apart from output (else zero).</li>
 * </ul>
 * For any other status every amount is zero and means "unknown", not "free": check {@link #isPriced()} before adding
 * costs up.
 *
 * <p>Precision: amounts are exact (token count × dollars per million tokens, shifted six places); only the
 * long-context scaling of cache rates divides, at 34 significant digits. Nothing is rounded until shown:
 * {@link #toString()} and {@link #display(BigDecimal)} round to {@value #DISPLAY_SCALE} decimal places, half-even.
 */
public final class Cost {
    /** Decimal places of dollar amounts when shown. */
    public static final int DISPLAY_SCALE = 6;

    private final Status status;
    private final BigDecimal input;
    private final BigDecimal cachedInput;
    private final BigDecimal cacheWrite5m;
    private final BigDecimal cacheWrite1h;
    private final BigDecimal output;
    private final BigDecimal reasoning;
    private final BigDecimal total;
    private final boolean longContext;
    private final @Nullable Integer registryVersion;
    private final List<String> notes;

    private Cost(Builder b, Status status) {
        this.status = status;
        this.input = b.input;
        this.cachedInput = b.cachedInput;
        this.cacheWrite5m = b.cacheWrite5m;
        this.cacheWrite1h = b.cacheWrite1h;
        this.output = b.output;
        this.reasoning = b.reasoning;
        this.total = plus(plus(plus(plus(plus(input, cachedInput), cacheWrite5m), cacheWrite1h), output), reasoning);
        this.longContext = b.longContext;
        this.registryVersion = b.registryVersion;
        this.notes = b.notes == null ? List.of() : List.copyOf(b.notes);
    }

    /**
     * {@code total + amount}, the same value and scale, without making a new number for a zero that would not widen
     * the scale (most amounts are zero on most calls).
     */
    private static BigDecimal plus(BigDecimal total, BigDecimal amount) {
        return amount.signum() != 0 || amount.scale() > total.scale() ? total.add(amount) : total;
    }

    /** {@return a builder of a priced cost, amounts zero} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A cost that could not be computed, for the reason {@code status} names.
     *
     * @param status why there is no price; any but {@link Status#PRICED}
     * @param note why, in words (e.g. the registry error); shown in {@link #notes()}
     * @return the unpriced cost, every amount zero
     * @throws IllegalArgumentException when {@code status} is {@link Status#PRICED}
     */
    public static Cost unpriced(Status status, String note) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
        if (status.equals(Status.PRICED)) throw new IllegalArgumentException("an unpriced cost cannot be PRICED");
        return new Cost(new Builder().note(note), status);
    }

    /** {@return whether the cost was priced, and if not, why} */
    public Status status() {
        return status;
    }

    /** {@return whether the amounts mean something ({@link Status#PRICED})} */
    public boolean isPriced() {
        return status.equals(Status.PRICED);
    }

    /** {@return dollars for input tokens neither read from nor written to the prompt cache} */
    public BigDecimal input() {
        return input;
    }

    /** {@return dollars for input tokens read from the prompt cache, at the cache-read rate} */
    public BigDecimal cachedInput() {
        return cachedInput;
    }

    /** {@return dollars for input tokens written to the prompt cache with a 5-minute lifetime} */
    public BigDecimal cacheWrite5m() {
        return cacheWrite5m;
    }

    /** {@return dollars for input tokens written to the prompt cache with a 1-hour lifetime} */
    public BigDecimal cacheWrite1h() {
        return cacheWrite1h;
    }

    /** {@return dollars for output tokens, reasoning included unless the model prices reasoning apart} */
    public BigDecimal output() {
        return output;
    }

    /** {@return dollars for reasoning tokens when the model prices them apart from output; zero otherwise} */
    public BigDecimal reasoning() {
        return reasoning;
    }

    /** {@return the sum of the components, in dollars, in full precision} */
    public BigDecimal total() {
        return total;
    }

    /** {@return whether the call crossed the model's long-context threshold and was charged at long-context rates} */
    public boolean isLongContext() {
        return longContext;
    }

    /** {@return the registry version whose prices were used, when known} */
    public OptionalInt registryVersion() {
        return registryVersion == null ? OptionalInt.empty() : OptionalInt.of(registryVersion);
    }

    /**
     * How the cost was arrived at where it was not plain: fallbacks taken, or why it could not be computed.
     *
     * @return the notes, unmodifiable; empty when there is nothing to say
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * Formats a dollar amount for display.
     *
     * @param amount the amount, in dollars
     * @return {@code amount} rounded half-even to {@value #DISPLAY_SCALE} places, as plain text (e.g.
     *     {@code 0.012345})
     */
    public static String display(BigDecimal amount) {
        return amount.setScale(DISPLAY_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Equal when status, every amount (by value: 1.0 equals 1.00), flags and notes are equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cost c
                && c.status.equals(status)
                && c.input.compareTo(input) == 0
                && c.cachedInput.compareTo(cachedInput) == 0
                && c.cacheWrite5m.compareTo(cacheWrite5m) == 0
                && c.cacheWrite1h.compareTo(cacheWrite1h) == 0
                && c.output.compareTo(output) == 0
                && c.reasoning.compareTo(reasoning) == 0
                && c.longContext == longContext
                && Objects.equals(c.registryVersion, registryVersion)
                && c.notes.equals(notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, total.stripTrailingZeros(), longContext, registryVersion, notes);
    }

    /** E.g. {@code Cost[$0.012345: input 0.010000, output 0.002345]}, amounts rounded for display. */
    @Override
    public String toString() {
        if (!isPriced()) return "Cost[" + status + "]";
        StringBuilder sb = new StringBuilder("Cost[$").append(display(total)).append(':');
        part(sb, "input", input);
        part(sb, "cachedInput", cachedInput);
        part(sb, "cacheWrite5m", cacheWrite5m);
        part(sb, "cacheWrite1h", cacheWrite1h);
        part(sb, "output", output);
        part(sb, "reasoning", reasoning);
        if (longContext) sb.append(", long context");
        return sb.append(']').toString();
    }

    private static void part(StringBuilder sb, String name, BigDecimal amount) {
        if (amount.signum() != 0)
            sb.append(sb.charAt(sb.length() - 1) == ':' ? " " : ", ")
                    .append(name)
                    .append(' ')
                    .append(display(amount));
    }

    /**
     * Why a cost is what it is. A small open set of values (not an enum: later versions may add reasons), compared
     * with {@code equals}.
     */
    public static final class Status {
        /** Priced from the registry. */
        public static final Status PRICED = new Status("priced");
        /** The provider reported no token usage. */
        public static final Status NO_USAGE = new Status("no_usage");
        /** The registry does not list the model (or has no data for the provider). */
        public static final Status MODEL_NOT_IN_REGISTRY = new Status("model_not_in_registry");
        /** The registry lists the model without input and output prices. */
        public static final Status NO_PRICING = new Status("no_pricing");
        /** The registry's data could not be obtained (unreachable and not cached). */
        public static final Status REGISTRY_UNAVAILABLE = new Status("registry_unavailable");

        private final String name;

        private Status(String name) {
            this.name = name;
        }

        /** {@return the status's wire name, e.g. {@code priced}, {@code no_usage}} */
        public String name() {
            return name;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Status s && s.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Builds a {@link Status#PRICED} cost. Amounts must not be negative; the total is their sum. */
    public static final class Builder {
        private BigDecimal input = BigDecimal.ZERO;
        private BigDecimal cachedInput = BigDecimal.ZERO;
        private BigDecimal cacheWrite5m = BigDecimal.ZERO;
        private BigDecimal cacheWrite1h = BigDecimal.ZERO;
        private BigDecimal output = BigDecimal.ZERO;
        private BigDecimal reasoning = BigDecimal.ZERO;
        private boolean longContext;
        private @Nullable Integer registryVersion;
        private @Nullable List<String> notes; // made at the first note: most costs have none

        private Builder() {}

        private static BigDecimal amount(BigDecimal d, String name) {
            Objects.requireNonNull(d, name);
            if (d.signum() < 0) throw new IllegalArgumentException(name + " must not be negative, was " + d);
            return d;
        }

        /**
         * Sets the dollars for uncached input tokens. Default zero.
         *
         * @param dollars the amount
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder input(BigDecimal dollars) {
            this.input = amount(dollars, "input");
            return this;
        }

        /**
         * Sets the dollars for input tokens read from the prompt cache. Default zero.
         *
         * @param dollars the amount
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cachedInput(BigDecimal dollars) {
            this.cachedInput = amount(dollars, "cachedInput");
            return this;
        }

        /**
         * Sets the dollars for input tokens written to the prompt cache with a 5-minute lifetime. Default zero.
         *
         * @param dollars the amount
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheWrite5m(BigDecimal dollars) {
            this.cacheWrite5m = amount(dollars, "cacheWrite5m");
            return this;
        }

        /**
         * Sets the dollars for input tokens written to the prompt cache with a 1-hour lifetime. Default zero.
         *
         * @param dollars the amount
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheWrite1h(BigDecimal dollars) {
            this.cacheWrite1h = amount(dollars, "cacheWrite1h");
            return this;
        }

        /**
         * Sets the dollars for output tokens. Default zero.
         *
         * @param dollars the amount
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder output(BigDecimal dollars) {
            this.output = amount(dollars, "output");
            return this;
        }

        /**
         * Sets the dollars for reasoning tokens priced apart from output. Default zero.
         *
         * @param dollars the amount
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder reasoning(BigDecimal dollars) {
            this.reasoning = amount(dollars, "reasoning");
            return this;
        }

        /**
         * Marks the cost as charged at the model's long-context rates. Default false.
         *
         * @param longContext whether the long-context rates applied
         * @return this builder
         */
        public Builder longContext(boolean longContext) {
            this.longContext = longContext;
            return this;
        }

        /**
         * Sets the registry version whose prices were used. Unset by default.
         *
         * @param version the registry version
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder registryVersion(int version) {
            if (version < 0) throw new IllegalArgumentException("registryVersion must not be negative, was " + version);
            this.registryVersion = version;
            return this;
        }

        /**
         * Adds a note on how the cost was arrived at, after earlier notes.
         *
         * @param note the note, in words
         * @return this builder
         */
        public Builder note(String note) {
            Objects.requireNonNull(note, "note");
            if (notes == null) notes = new ArrayList<>();
            notes.add(note);
            return this;
        }

        /** {@return the {@link Status#PRICED} cost; its total is the sum of the amounts} */
        public Cost build() {
            return new Cost(this, Status.PRICED);
        }
    }
}
