package dev.llmring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Observes calls: for metrics, tracing or logging. Every method does nothing by default; override the ones you need.
 * Register with {@link LlmRing.Builder#listener(LlmRingListener)}.
 *
 * <p>For one call the callbacks come in this order:
 *
 * <pre>
 * callStart
 *   (attemptSkipped | waited | attemptStart attemptEnd)*
 *                                     a skipped binding, a wait before sending (a rate limit), or one try of a binding
 *   firstEvent                        streams only, when the stream is handed to the caller
 *   outputChunk*                      streams only, for each content event after the first
 * usage                               when the provider reported usage
 * callEnd | callFailed | callCancelled
 * </pre>
 *
 * <p>For a stream, the serving attempt's {@code attemptEnd} comes when the stream ends, after {@code firstEvent}.
 * Callbacks run on the thread doing the work (the caller's, a {@code chatAsync} worker, or the thread iterating a
 * stream), so they must be quick and thread-safe. An exception thrown by a listener is logged at DEBUG and
 * otherwise ignored: a listener cannot break a call.
 */
public interface LlmRingListener {

    /**
     * A call started: its request has not been routed yet.
     *
     * @param call the call
     */
    default void callStart(Call call) {}

    /**
     * A try of {@code binding} ({@code provider:model}) starts; {@code number} is 1 for the first, 2 for a retry …
     *
     * @param call the call
     * @param binding the binding tried, {@code provider:model}
     * @param number the try's number for this binding, from 1
     */
    default void attemptStart(Call call, String binding, int number) {}

    /**
     * The router skipped {@code binding} ({@code provider:model}) without sending anything: no key, breaker open,
     * preflight, a limit that another binding can avoid … The reason is the one in the trace.
     *
     * @param call the call
     * @param binding the binding skipped, {@code provider:model}
     * @param reason why, as in the trace
     */
    default void attemptSkipped(Call call, String binding, String reason) {}

    /**
     * The call waited {@code waited} before sending to {@code binding} (a rate or concurrency limit with nothing
     * else in the pool to serve); {@code reason} names the limit.
     *
     * @param call the call
     * @param binding the binding the call then goes to, {@code provider:model}
     * @param waited how long the call waited
     * @param reason the limit waited for
     */
    default void waited(Call call, String binding, Duration waited, String reason) {}

    /**
     * A try ended; the attempt says how (the same object as in the call's {@link RoutingTrace}).
     *
     * @param call the call
     * @param attempt how the try ended
     */
    default void attemptEnd(Call call, RoutingTrace.Attempt attempt) {}

    /**
     * A stream's first event is ready for the caller, {@code sinceStart} after the call started.
     *
     * @param call the call
     * @param sinceStart the time from the call's start, by the client's clock
     */
    default void firstEvent(Call call, Duration sinceStart) {}

    /**
     * A stream handed the caller a content event other than its first (text, reasoning or a tool-call piece), {@code
     * sincePrevious} after the one before it, by the client's clock. Not called for usage reports or the finish.
     *
     * @param call the call
     * @param sincePrevious the time since the previous content event
     */
    default void outputChunk(Call call, Duration sincePrevious) {}

    /**
     * The provider reported the call's token usage.
     *
     * @param call the call
     * @param binding the binding that served, {@code provider:model}
     * @param usage the token counts
     */
    default void usage(Call call, String binding, Usage usage) {}

    /**
     * The call succeeded.
     *
     * @param call the call
     * @param response the response the caller receives
     */
    default void callEnd(Call call, ChatResponse response) {}

    /**
     * The call failed; {@code error} is what the caller receives, its trace attached.
     *
     * @param call the call
     * @param error the error
     */
    default void callFailed(Call call, LlmRingException error) {}

    /**
     * The caller cancelled the call ({@code chatAsync} future cancelled, stream closed early, thread interrupted).
     *
     * @param call the call
     */
    default void callCancelled(Call call) {}

    /** The call a callback belongs to. Compare calls by {@link #id()}. */
    final class Call {
        private final long id;
        private final ChatRequest request;
        private final boolean streaming;
        private final String profile;
        private final Instant startedAt;
        private final @Nullable String lockfileDigest;
        private final Redactor redactor;

        Call(
                long id,
                ChatRequest request,
                boolean streaming,
                String profile,
                Instant startedAt,
                @Nullable String lockfileDigest,
                Redactor redactor) {
            this.id = id;
            this.request = Objects.requireNonNull(request, "request");
            this.streaming = streaming;
            this.profile = Objects.requireNonNull(profile, "profile");
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            this.lockfileDigest = lockfileDigest;
            this.redactor = Objects.requireNonNull(redactor, "redactor");
        }

        /**
         * {@return the call's id, unique among the calls of one {@link LlmRing} (and of the clients derived from it)}
         */
        public long id() {
            return id;
        }

        /** {@return the request as the caller gave it} */
        public ChatRequest request() {
            return request;
        }

        /** {@return whether this is a {@link LlmRing#stream} call} */
        public boolean streaming() {
            return streaming;
        }

        /** {@return the lockfile profile the call is routed in} */
        public String profile() {
            return profile;
        }

        /** {@return when the call started, by the client's clock} */
        public Instant startedAt() {
            return startedAt;
        }

        /**
         * {@return the digest of the lockfile the call is routed by ({@code Lockfile.digest()}); empty without a
         * lockfile}
         */
        public Optional<String> lockfileDigest() {
            return Optional.ofNullable(lockfileDigest);
        }

        /**
         * {@code text} with every API key the client knows replaced by {@code <redacted>}: for a listener that records
         * content (a prompt, an answer) where a key might have been pasted or echoed.
         *
         * @param text any text
         * @return the text with known API keys replaced
         */
        public String redact(String text) {
            return redactor.redact(Objects.requireNonNull(text, "text"));
        }

        @Override
        public String toString() {
            return "Call[id=" + id + ", model=" + request.model() + ", streaming=" + streaming + ", profile=" + profile
                    + "]";
        }
    }
}
