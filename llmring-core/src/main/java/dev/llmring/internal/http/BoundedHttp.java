package dev.llmring.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One bounded HTTP exchange for a small JSON document, the rules shared by the registry and the llmring server
 * client: a client that never follows redirects, one bound on the whole exchange (connecting, headers and body), a
 * cap on the body enforced while it arrives (the exchange is cancelled as soon as it passes), the body of a non-2xx
 * answer left unread, and every failure a checked {@link Failure} of a known {@link Kind} that the caller turns into
 * its own error type. Checking that a URL is https (or, for tests, {@linkplain #isLoopbackHttp loopback http}) is the
 * caller's job, done once when it is configured.
 */
public final class BoundedHttp {
    private BoundedHttp() {}

    /** What went wrong in an exchange that produced no response. */
    public enum Kind {
        /** Connecting took longer than the client's connect timeout. */
        CONNECT_TIMED_OUT,
        /** The whole exchange (or the request's header timeout) took longer than allowed. */
        TIMED_OUT,
        /** The body passed the size cap; the exchange was cancelled. */
        TOO_LARGE,
        /** The calling thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED,
        /** Anything else: refused or reset connection, TLS failure, malformed answer. */
        FAILED
    }

    /** An exchange that produced no usable response; {@link #getCause()} is what the JDK reported. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        private final Kind kind;

        Failure(Kind kind, Throwable cause) {
            super(kind + ": " + cause, cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** A status and, for a 2xx answer, the body (empty for any other status: it is not read). */
    public record Response(int status, byte[] body) {}

    /** A client that never follows redirects and speaks HTTP/1.1. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Whether {@code url} is plain http to a loopback literal ({@code 127.0.0.1} or {@code [::1]}; never a name such
     * as {@code localhost}): the only http a test-only allowance accepts.
     */
    public static boolean isLoopbackHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        return scheme.equals("http") && ("127.0.0.1".equals(host) || "[::1]".equals(host));
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for the status and the whole body.
     *
     * @param client a client that follows no redirects (a 3xx answer is returned as it is)
     * @throws Failure if no response arrived within the bounds
     */
    public static Response send(HttpClient client, HttpRequest request, Duration timeout, long maxBytes)
            throws Failure {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, CappedBody.handler(maxBytes));
        try {
            HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Failure(Kind.TIMED_OUT, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(Kind.INTERRUPTED, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Failure(kindOf(cause), cause);
        }
    }

    private static Kind kindOf(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return Kind.CONNECT_TIMED_OUT;
        }
        if (cause instanceof HttpTimeoutException) {
            return Kind.TIMED_OUT;
        }
        for (@Nullable Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return Kind.TOO_LARGE;
            }
        }
        return Kind.FAILED;
    }
}
