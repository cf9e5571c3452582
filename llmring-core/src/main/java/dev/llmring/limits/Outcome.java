package dev.llmring.limits;

import dev.llmring.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What an admitted attempt came to, for {@link Permit#settle}: the HTTP status and response headers (the provider's
 * rate-limit headers tighten local limits), the reported usage (corrects the tokens reserved on the estimate), the
 * real cost (corrects a budget reservation) and the delay a 429 asked for.
 */
public final class Outcome {
    /** No response was received: cancelled, or failed before the headers. */
    public static final Outcome NOT_SENT = builder().build();

    private final int status;
    private final Map<String, List<String>> headers;
    private final @Nullable Usage usage;
    private final @Nullable BigDecimal cost;
    private final @Nullable Duration retryAfter;

    private Outcome(Builder b) {
        this.status = b.status;
        this.headers = b.frozenHeaders();
        this.usage = b.usage;
        this.cost = b.cost;
        this.retryAfter = b.retryAfter;
    }

    /** {@return a builder for an outcome; everything defaults to "nothing received"} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the HTTP status of the response; 0 when there was none} */
    public int status() {
        return status;
    }

    /** {@return the response headers, names in lower case (unmodifiable; empty when there was no response)} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of header {@code name} (any case).
     *
     * @param name the header name
     * @return the value; empty when the response had no such header
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return the token usage the provider reported} */
    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    /** {@return the real cost in US dollars, when priced} */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    /**
     * {@return the delay the provider asked for ({@code Retry-After}, {@code retry-after-ms}), typically with a 429}
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "Outcome[status=" + status + (usage == null ? "" : ", " + usage)
                + (cost == null ? "" : ", $" + cost.toPlainString())
                + (retryAfter == null ? "" : ", retryAfter=" + retryAfter.toMillis() + "ms") + "]";
    }

    /** Builds an {@link Outcome}. */
    public static final class Builder {
        private int status;
        /** Null until a header is added; once an outcome holds it, a further header goes into a copy. */
        private @Nullable TreeMap<String, List<String>> headers;

        private boolean shared;
        private @Nullable Usage usage;
        private @Nullable BigDecimal cost;
        private @Nullable Duration retryAfter;

        private Builder() {}

        /**
         * The HTTP status; 0 (the default) for none.
         *
         * @param status the response's status
         * @return this builder
         * @throws IllegalArgumentException unless 0 or 100..599
         */
        public Builder status(int status) {
            if (status != 0 && (status < 100 || status > 599)) {
                throw new IllegalArgumentException("status must be 0 or 100..599, was " + status);
            }
            this.status = status;
            return this;
        }

        /**
         * Adds the response headers; names are stored in lower case. None by default.
         *
         * @param headers header name to values
         * @return this builder
         */
        public Builder headers(Map<String, List<String>> headers) {
            Objects.requireNonNull(headers, "headers");
            if (headers.isEmpty()) return this;
            TreeMap<String, List<String>> own = this.headers;
            if (own == null) {
                own = new TreeMap<>();
            } else if (shared) {
                own = new TreeMap<>(own);
            }
            this.headers = own;
            shared = false;
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                own.put(h.getKey().toLowerCase(Locale.ROOT), List.copyOf(h.getValue()));
            }
            return this;
        }

        /**
         * The usage; null (the default) for none.
         *
         * @param usage the usage the provider reported, or null
         * @return this builder
         */
        public Builder usage(@Nullable Usage usage) {
            this.usage = usage;
            return this;
        }

        /**
         * The real cost in US dollars; null (the default) when unpriced.
         *
         * @param usd the cost, or null
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cost(@Nullable BigDecimal usd) {
            if (usd != null && usd.signum() < 0) throw new IllegalArgumentException("cost must not be negative");
            this.cost = usd;
            return this;
        }

        /**
         * The delay asked for; null (the default) for none.
         *
         * @param delay the provider's {@code Retry-After}, or null
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder retryAfter(@Nullable Duration delay) {
            if (delay != null && delay.isNegative()) throw new IllegalArgumentException("retryAfter is negative");
            this.retryAfter = delay;
            return this;
        }

        /** The headers for an outcome being built: this builder's map, unmodifiable, copied if it grows again. */
        private Map<String, List<String>> frozenHeaders() {
            TreeMap<String, List<String>> own = headers;
            if (own == null) return Map.of();
            shared = true;
            return java.util.Collections.unmodifiableMap(own);
        }

        /** {@return the outcome} */
        public Outcome build() {
            return new Outcome(this);
        }
    }
}
