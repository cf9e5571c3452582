package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The time bounds of a call. Immutable; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * Timeouts timeouts = Timeouts.defaults().toBuilder()
 *         .deadline(Duration.ofSeconds(30))
 *         .streamIdle(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * <table>
 *   <caption>The bounds and their defaults</caption>
 *   <tr><th>bound</th><th>default</th><th>what it limits</th></tr>
 *   <tr><td>{@link #connect()}</td><td>10 s</td><td>opening one TCP/TLS connection</td></tr>
 *   <tr><td>{@link #attempt()}</td><td>5 min</td><td>one non-streamed attempt, from sending the request to the
 *       complete response body</td></tr>
 *   <tr><td>{@link #deadline()}</td><td>10 min</td><td>the whole call: every attempt, every backoff sleep and every
 *       failover, and for a stream everything until its last event</td></tr>
 *   <tr><td>{@link #streamFirstEvent()}</td><td>2 min</td><td>a streamed attempt, from sending the request to the
 *       first complete frame of the stream</td></tr>
 *   <tr><td>{@link #streamIdle()}</td><td>1 min</td><td>the time between two complete frames of a stream (keep-alive
 *       comments and ping events count as frames)</td></tr>
 * </table>
 *
 * <p>The stream bounds count complete frames (an SSE event, an SSE comment, an NDJSON line), not bytes: a server that
 * trickles bytes completing no frame does not restart them.
 *
 * <p>A request's own {@link ChatRequest#timeout()} replaces the deadline for that request.
 */
public final class Timeouts {
    private static final Timeouts DEFAULTS = new Builder().build();

    private final Duration connect;
    private final Duration attempt;
    private final Duration deadline;
    private final Duration streamFirstEvent;
    private final Duration streamIdle;

    private Timeouts(Builder b) {
        this.connect = b.connect;
        this.attempt = b.attempt;
        this.deadline = b.deadline;
        this.streamFirstEvent = b.streamFirstEvent;
        this.streamIdle = b.streamIdle;
    }

    /**
     * {@return the defaults: connect 10 s, attempt 5 min, deadline 10 min, first stream event 2 min, stream idle 1 min}
     */
    public static Timeouts defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these bounds} */
    public Builder toBuilder() {
        return new Builder()
                .connect(connect)
                .attempt(attempt)
                .deadline(deadline)
                .streamFirstEvent(streamFirstEvent)
                .streamIdle(streamIdle);
    }

    /** {@return the bound on opening one connection} */
    public Duration connect() {
        return connect;
    }

    /** {@return the bound on one non-streamed attempt, from sending the request to the complete response body} */
    public Duration attempt() {
        return attempt;
    }

    /** {@return the bound on the whole call, across retries, backoff sleeps and failovers} */
    public Duration deadline() {
        return deadline;
    }

    /** {@return the bound on a streamed attempt, from sending the request to the first complete frame of the stream} */
    public Duration streamFirstEvent() {
        return streamFirstEvent;
    }

    /**
     * {@return the longest time allowed between two complete frames of a stream (bytes completing no frame do not
     * count)}
     */
    public Duration streamIdle() {
        return streamIdle;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Timeouts t
                && t.connect.equals(connect)
                && t.attempt.equals(attempt)
                && t.deadline.equals(deadline)
                && t.streamFirstEvent.equals(streamFirstEvent)
                && t.streamIdle.equals(streamIdle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connect, attempt, deadline, streamFirstEvent, streamIdle);
    }

    @Override
    public String toString() {
        return "Timeouts[connect=" + connect + ", attempt=" + attempt + ", deadline=" + deadline + ", streamFirstEvent="
                + streamFirstEvent + ", streamIdle=" + streamIdle + "]";
    }

    /** Builds {@link Timeouts}; every bound must be positive. */
    public static final class Builder {
        private Duration connect = Duration.ofSeconds(10);
        private Duration attempt = Duration.ofMinutes(5);
        private Duration deadline = Duration.ofMinutes(10);
        private Duration streamFirstEvent = Duration.ofMinutes(2);
        private Duration streamIdle = Duration.ofMinutes(1);

        private Builder() {}

        static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }

        /**
         * Sets the bound on opening one connection (default 10 s).
         *
         * @param connect the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder connect(Duration connect) {
            this.connect = positive(connect, "connect");
            return this;
        }

        /**
         * Sets the bound on one non-streamed attempt, from sending the request to the complete response body (default 5
         * min).
         *
         * @param attempt the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder attempt(Duration attempt) {
            this.attempt = positive(attempt, "attempt");
            return this;
        }

        /**
         * Sets the bound on the whole call, across retries, backoff sleeps and failovers (default 10 min); a request's
         * {@link ChatRequest#timeout()} replaces it for that call.
         *
         * @param deadline the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /**
         * Sets the bound on a streamed attempt from sending the request to the stream's first complete frame (default 2
         * min).
         *
         * @param streamFirstEvent the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder streamFirstEvent(Duration streamFirstEvent) {
            this.streamFirstEvent = positive(streamFirstEvent, "streamFirstEvent");
            return this;
        }

        /**
         * Sets the longest time allowed between two complete frames of a stream (default 1 min).
         *
         * @param streamIdle the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder streamIdle(Duration streamIdle) {
            this.streamIdle = positive(streamIdle, "streamIdle");
            return this;
        }

        /** {@return the timeouts} */
        public Timeouts build() {
            return new Timeouts(this);
        }
    }
}
