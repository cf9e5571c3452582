package dev.llmring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * How one call went in time, measured on a monotonic clock ({@link System#nanoTime()}, or the client's injected
 * {@link java.time.Clock} when one was set) from the moment the call started, retries and failovers included.
 * Reached through {@link ChatResponse#timing()} (and so {@link ChatStream#response()} and
 * {@link LlmRingListener#callEnd}).
 *
 * <ul>
 *   <li>{@link #timeToFirstEvent()}: until the serving attempt's first stream event of any kind reached the client
 *       (streams only);</li>
 *   <li>{@link #timeToFirstToken()}: until its first <em>token event</em>, a non-empty text or reasoning delta or a
 *       piece of a tool call (streams only);</li>
 *   <li>inter-token gaps: the times between consecutive token events as the caller took them from the stream, as a
 *       count, mean, median, 99th percentile and maximum (streams with two token events or more). The percentiles
 *       come from a fixed-size histogram, accurate to about 2% of the value, so a stream of any length costs the
 *       same memory. A provider may put several tokens in one event; the gaps are between events;</li>
 *   <li>{@link #outputTokensPerSecond()}: output tokens over {@link #total()}, the wait for the first token
 *       included. Tokens come from the provider's usage; when it reported none, the number of token events stands
 *       in for it and {@link #outputTokensEstimated()} says so;</li>
 *   <li>{@link #total()}: until the complete answer.</li>
 * </ul>
 *
 * Immutable. New measurements may be added in later versions.
 */
public final class Timing {
    private final @Nullable Duration timeToFirstEvent;
    private final @Nullable Duration timeToFirstToken;
    private final Duration total;
    private final long tokenEvents;
    private final long gaps;
    private final @Nullable Duration gapMean;
    private final @Nullable Duration gapP50;
    private final @Nullable Duration gapP99;
    private final @Nullable Duration gapMax;
    private final long outputTokens;
    private final boolean estimated;

    Timing(
            @Nullable Duration timeToFirstEvent,
            @Nullable Duration timeToFirstToken,
            Duration total,
            long tokenEvents,
            long gaps,
            @Nullable Duration gapMean,
            @Nullable Duration gapP50,
            @Nullable Duration gapP99,
            @Nullable Duration gapMax,
            long outputTokens,
            boolean estimated) {
        this.timeToFirstEvent = timeToFirstEvent;
        this.timeToFirstToken = timeToFirstToken;
        this.total = Objects.requireNonNull(total, "total");
        this.tokenEvents = tokenEvents;
        this.gaps = gaps;
        this.gapMean = gapMean;
        this.gapP50 = gapP50;
        this.gapP99 = gapP99;
        this.gapMax = gapMax;
        this.outputTokens = outputTokens;
        this.estimated = estimated;
    }

    /** The timing of a call known only by its total (a response assembled without a timer). */
    static Timing ofTotal(Duration total, @Nullable Usage usage) {
        return new Timing(
                null, null, total, 0, 0, null, null, null, null, usage == null ? 0 : usage.outputTokens(), false);
    }

    /**
     * Whether {@code event} is a token event as timings count them: a non-empty text or reasoning delta, or the start
     * or a fragment of a tool call (not usage, not the finish, not a completed tool call).
     *
     * @param event the event
     * @return true when the event counts as a token event
     */
    public static boolean isTokenEvent(StreamEvent event) {
        if (event instanceof StreamEvent.TextDelta d) return !d.text().isEmpty();
        if (event instanceof StreamEvent.ReasoningDelta d) return !d.text().isEmpty();
        return event instanceof StreamEvent.ToolCallStart || event instanceof StreamEvent.ToolCallDelta;
    }

    /**
     * {@return for a stream, the time from the call's start until the serving attempt's first event reached the client}
     */
    public Optional<Duration> timeToFirstEvent() {
        return Optional.ofNullable(timeToFirstEvent);
    }

    /**
     * {@return for a stream, the time from the call's start until the first token event (text, reasoning or tool call)}
     */
    public Optional<Duration> timeToFirstToken() {
        return Optional.ofNullable(timeToFirstToken);
    }

    /** {@return the time from the call's start until the complete answer} */
    public Duration total() {
        return total;
    }

    /** {@return how many token events the stream delivered (0 for a call that was not streamed)} */
    public long tokenEvents() {
        return tokenEvents;
    }

    /** {@return how many inter-token gaps were measured: one less than the token events, or 0} */
    public long interTokenGaps() {
        return gaps;
    }

    /** {@return the mean gap between consecutive token events, when there were two or more} */
    public Optional<Duration> interTokenMean() {
        return Optional.ofNullable(gapMean);
    }

    /** {@return the median gap between consecutive token events (histogram estimate, within about 2%)} */
    public Optional<Duration> interTokenP50() {
        return Optional.ofNullable(gapP50);
    }

    /** {@return the 99th-percentile gap between consecutive token events (histogram estimate, within about 2%)} */
    public Optional<Duration> interTokenP99() {
        return Optional.ofNullable(gapP99);
    }

    /** {@return the longest gap between consecutive token events (exact)} */
    public Optional<Duration> interTokenMax() {
        return Optional.ofNullable(gapMax);
    }

    /** {@return the output tokens: the provider's count, or the number of token events when it reported none} */
    public long outputTokens() {
        return outputTokens;
    }

    /** {@return whether {@link #outputTokens()} is the count of token events because the provider reported no usage} */
    public boolean outputTokensEstimated() {
        return estimated;
    }

    /** {@return {@link #outputTokens()} per second of {@link #total()}; empty when either is zero} */
    public OptionalDouble outputTokensPerSecond() {
        long nanos = total.toNanos();
        if (nanos <= 0 || outputTokens <= 0) return OptionalDouble.empty();
        return OptionalDouble.of(outputTokens * 1e9 / nanos);
    }

    @Override
    public String toString() {
        return "Timing[ttfe=" + millis(timeToFirstEvent) + ", ttft=" + millis(timeToFirstToken) + ", total="
                + millis(total) + ", gaps=" + gaps + ", itlP50=" + millis(gapP50) + ", itlP99=" + millis(gapP99)
                + ", outputTokens=" + outputTokens + (estimated ? " (estimated)" : "") + "]";
    }

    private static String millis(@Nullable Duration d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f ms", d.toNanos() / 1e6);
    }
}
