package dev.llmring;

import dev.llmring.internal.http.IoFailures;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ProviderFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong in one exchange into the typed exception of the public hierarchy, with its details filled
 * (provider, model, status, request id, provider code, retry delay) and every key scrubbed from its message. The
 * table lives in {@code docs/errors.md}.
 *
 * <p>This is the one redaction path: every string that came from the wire and reaches an exception, its details, a
 * trace, a log line or a response ({@link #requestId}) goes through {@link #clean}. Exceptions of other libraries
 * (a Jackson parse error quoting the payload, an I/O error) are never attached as causes: what they said reaches the
 * message, cleaned, and the cause chain holds only exceptions of this library, each built here.
 */
final class Failures {
    /** How much of an error body is read and handed to {@link ProviderAdapter#classify}. */
    static final int ERROR_BODY_CAP = 64 * 1024;

    private static final int MAX_MESSAGE = 500;

    private final Redactor redactor;
    private final Clock clock;

    Failures(Redactor redactor, Clock clock) {
        this.redactor = redactor;
        this.clock = clock;
    }

    /** The exception for a provider error kind. */
    static LlmRingException of(ErrorKind kind, String message, ErrorDetails details, @Nullable Throwable cause) {
        return switch (kind) {
            case INVALID_REQUEST -> new InvalidRequestException(message, details, cause);
            case CONTEXT_WINDOW_EXCEEDED -> new ContextWindowExceededException(message, details, cause);
            case AUTHENTICATION -> new AuthenticationException(message, details, cause);
            case MODEL_NOT_FOUND -> new ModelNotFoundException(message, details, cause);
            case RATE_LIMITED -> new RateLimitException(message, details, cause);
            case OVERLOADED, UNAVAILABLE -> new ProviderUnavailableException(message, details, cause);
            case MALFORMED_RESPONSE -> new StreamException(message, details, cause);
        };
    }

    /** A non-2xx answer, or a 2xx streamed answer that was a single JSON document. */
    LlmRingException fromHttp(Target target, ProviderAdapter adapter, int status, HttpHeaders headers, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, ERROR_BODY_CAP), StandardCharsets.UTF_8);
        ProviderError error;
        try {
            error = adapter.classify(status, headers, text);
        } catch (RuntimeException e) {
            error = ProviderError.of(ProviderError.kindForStatus(status), "HTTP " + status);
        }
        Duration retryAfter = RetryAfter.fromHeaders(headers, clock);
        if (retryAfter == null) retryAfter = error.retryAfter().orElse(null);
        ErrorDetails details = details(target, headers, adapter)
                .withStatus(status)
                .withProviderCode(error.providerCode().map(this::clean).orElse(null))
                .withRetryAfter(retryAfter);
        return of(error.kind(), target + ": HTTP " + status + ": " + clean(error.message()), details, null);
    }

    /** A failure a decoder reported while decoding an answer (an error event mid-stream, a malformed body). */
    LlmRingException fromDecoder(Target target, int status, @Nullable String requestId, RuntimeException failure) {
        ErrorDetails details = ErrorDetails.of(target.provider(), target.model())
                .withStatus(status)
                .withRequestId(requestId);
        if (failure instanceof ProviderFailure pf) {
            ProviderError error = pf.error();
            details = details.withProviderCode(
                            error.providerCode().map(this::clean).orElse(null))
                    .withRetryAfter(error.retryAfter().orElse(null));
            return of(error.kind(), target + ": " + clean(error.message()), details, ownCause(pf.getCause()));
        }
        return new StreamException(
                target + ": the answer could not be decoded: "
                        + failure.getClass().getSimpleName(),
                details,
                null);
    }

    /** An I/O failure of the exchange: a connection that could not be made or broke. */
    LlmRingException fromIo(Target target, Throwable io, Duration connectTimeout) {
        return fromIo(target, io, connectTimeout, null);
    }

    /**
     * As {@link #fromIo(Target, Throwable, Duration)}, naming the host and port of {@code endpoint} (never its path
     * or query) and the first message found along the cause chain; the JDK's {@code ConnectException} has none at
     * all, so it is said in words.
     */
    LlmRingException fromIo(Target target, Throwable io, Duration connectTimeout, @Nullable URI endpoint) {
        ErrorDetails details = ErrorDetails.of(target.provider(), target.model());
        String message = IoFailures.message(io);
        String what = io.getClass().getSimpleName() + (message == null ? "" : ": " + clean(message));
        String to = endpoint == null ? "" : " to " + hostAndPort(endpoint);
        if (io instanceof HttpConnectTimeoutException) {
            return new LlmRingTimeoutException(
                    target + ": connect" + to + " timed out after " + connectTimeout.toMillis() + " ms",
                    LlmRingTimeoutException.Kind.CONNECT,
                    connectTimeout,
                    details,
                    null);
        }
        if (io instanceof HttpTimeoutException) {
            return new LlmRingTimeoutException(
                    target + ": " + what, LlmRingTimeoutException.Kind.ATTEMPT, Duration.ZERO, details, null);
        }
        String kind = io instanceof IOException ? "connection" + to + " failed" : "exchange" + to + " failed";
        return new ConnectionException(target + ": " + kind + ": " + what, details, null);
    }

    /** {@code host:port}, the port made explicit from the scheme when the URI leaves it out. */
    static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** A time bound ran out. */
    static LlmRingTimeoutException timeout(
            Target target, LlmRingTimeoutException.Kind kind, Duration limit, @Nullable String requestId) {
        String what =
                switch (kind) {
                    case DEADLINE -> "the call's deadline of " + limit.toMillis() + " ms ran out";
                    case CONNECT -> "connect timed out after " + limit.toMillis() + " ms";
                    case ATTEMPT -> "no complete answer within " + limit.toMillis() + " ms";
                    case FIRST_EVENT -> "no stream event within " + limit.toMillis() + " ms";
                    case IDLE -> "the stream was silent for " + limit.toMillis() + " ms";
                };
        return new LlmRingTimeoutException(
                target + ": " + what,
                kind,
                limit,
                ErrorDetails.of(target.provider(), target.model()).withRequestId(requestId),
                null);
    }

    /** An answer larger than the client's {@code maxResponseBytes}: refused, not buffered. */
    static StreamException tooLarge(Target target, int status, int cap) {
        return new StreamException(
                target + ": the answer is larger than " + cap + " bytes (maxResponseBytes); it was refused",
                ErrorDetails.of(target.provider(), target.model()).withStatus(status));
    }

    ErrorDetails details(Target target, HttpHeaders headers, ProviderAdapter adapter) {
        return ErrorDetails.of(target.provider(), target.model())
                .withRequestId(
                        requestId(headers.firstValue(adapter.requestIdHeader()).orElse(null)));
    }

    /**
     * A decoder's cause, kept only when it is one of ours (built here, so already clean); a third-party exception
     * may quote the payload (Jackson's {@code Unrecognized token '...'}), so it is dropped.
     */
    private static @Nullable Throwable ownCause(@Nullable Throwable cause) {
        return cause instanceof LlmRingException ? cause : null;
    }

    /** A request id from the wire (a header, or the body), cleaned like every other wire text; null stays null. */
    @Nullable
    String requestId(@Nullable String raw) {
        return raw == null ? null : clean(raw);
    }

    /** Scrubs keys and bounds the length of text from a server. */
    String clean(String text) {
        String t = redactor.redact(text);
        return t.length() > MAX_MESSAGE ? t.substring(0, MAX_MESSAGE) + "…" : t;
    }
}
