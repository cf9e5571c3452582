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

    /** The defaults: connect 10 s, attempt 5 min, deadline 10 min, first stream event 2 min, stream idle 1 min. */
    public static Timeouts defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .connect(connect)
                .attempt(attempt)
                .deadline(deadline)
                .streamFirstEvent(streamFirstEvent)
                .streamIdle(streamIdle);
    }

    /** Opening one connection. */
    public Duration connect() {
        return connect;
    }

    /** One non-streamed attempt, from sending the request to the complete response body. */
    public Duration attempt() {
        return attempt;
    }

    /** The whole call, across retries, backoff sleeps and failovers. */
    public Duration deadline() {
        return deadline;
    }

    /** A streamed attempt, from sending the request to the first complete frame of the stream. */
    public Duration streamFirstEvent() {
        return streamFirstEvent;
    }

    /** The longest time allowed between two complete frames of a stream (bytes completing no frame do not count). */
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

        /** @throws IllegalArgumentException unless positive */
        public Builder connect(Duration connect) {
            this.connect = positive(connect, "connect");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder attempt(Duration attempt) {
            this.attempt = positive(attempt, "attempt");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder streamFirstEvent(Duration streamFirstEvent) {
            this.streamFirstEvent = positive(streamFirstEvent, "streamFirstEvent");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder streamIdle(Duration streamIdle) {
            this.streamIdle = positive(streamIdle, "streamIdle");
            return this;
        }

        public Timeouts build() {
            return new Timeouts(this);
        }
    }
}
