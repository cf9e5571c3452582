package dev.llmring.internal.receipts;

import dev.llmring.AuthenticationException;
import dev.llmring.ConnectionException;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.LlmRingException;
import dev.llmring.LlmRingTimeoutException;
import dev.llmring.ProviderUnavailableException;
import dev.llmring.internal.http.BoundedHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * JSON over HTTP to an llmring server, through {@link BoundedHttp}: HTTPS only (plain HTTP to a loopback literal
 * only when a test allows it), no redirects followed, one bound on the whole exchange (headers and body), a cap on
 * the body size, and the API key in one header ({@code X-API-Key}, the header llmring-server reads) and nowhere else: not in messages, not in
 * {@code toString()}.
 */
public final class ServerHttp {
    public static final String SERVER = "llmring-server";

    private final HttpClient client;
    private final Duration timeout;
    private final @Nullable String apiKey;

    public ServerHttp(HttpClient client, Duration timeout, @Nullable String apiKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.apiKey = apiKey;
    }

    /**
     * Checks a server base URL and drops a trailing slash.
     *
     * @param allowLoopbackHttp test-only: also accept {@code http://127.0.0.1:port} (and {@code [::1]})
     * @throws IllegalArgumentException if it is not an absolute https URL without query, fragment or user info
     */
    public static URI checkBaseUrl(URI url, boolean allowLoopbackHttp) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopbackHttp = allowLoopbackHttp && BoundedHttp.isLoopbackHttp(url);
        if (!scheme.equals("https") && !loopbackHttp) {
            throw new IllegalArgumentException("the llmring server URL must use https, was " + redact(url));
        }
        if (url.getHost() == null
                || url.getRawQuery() != null
                || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "the llmring server URL must be scheme://host[:port][/path] only, was " + redact(url));
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static String redact(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo(), "***");
    }

    /** The outcome of one exchange. */
    public static final class Response {
        public final int status;
        public final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    /** GET. Sends the API key when this instance has one. */
    public Response get(URI uri, long maxBytes) {
        return send(base(uri).GET().build(), maxBytes);
    }

    /** POST with a JSON body. */
    public Response post(URI uri, String json, long maxBytes) {
        return send(
                base(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                maxBytes);
    }

    private HttpRequest.Builder base(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return b;
    }

    private Response send(HttpRequest request, long maxBytes) {
        String what = request.method() + " " + request.uri().getPath();
        try {
            BoundedHttp.Response response = BoundedHttp.send(client, request, timeout, maxBytes);
            return new Response(response.status(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (BoundedHttp.Failure f) {
            Throwable cause = f.getCause();
            switch (f.kind()) {
                case CONNECT_TIMED_OUT:
                    throw new LlmRingTimeoutException(
                            what + ": connecting timed out",
                            LlmRingTimeoutException.Kind.CONNECT,
                            timeout,
                            details(0),
                            cause);
                case TIMED_OUT:
                    throw new LlmRingTimeoutException(
                            what + " took longer than " + timeout,
                            LlmRingTimeoutException.Kind.ATTEMPT,
                            timeout,
                            details(0),
                            cause);
                case INTERRUPTED:
                    throw new ConnectionException(what + " interrupted", details(0), cause);
                case TOO_LARGE:
                    throw new ConnectionException(
                            what + " failed: response body larger than " + maxBytes + " bytes", details(0), cause);
                default:
                    throw new ConnectionException(
                            what + " failed: " + cause.getClass().getSimpleName()
                                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                            details(0),
                            cause);
            }
        }
    }

    /**
     * Turns a non-2xx status into the matching error of the library's hierarchy.
     *
     * @throws LlmRingException unless the status is 2xx
     */
    public static void requireSuccess(Response response, String what) {
        int status = response.status;
        if (status >= 200 && status < 300) {
            return;
        }
        ErrorDetails details = details(status);
        if (status >= 300 && status < 400) {
            throw new ProviderUnavailableException(
                    what + ": the server answered with a redirect (" + status + "), which is never followed", details);
        }
        if (status == 401 || status == 403) {
            throw new AuthenticationException(what + ": the server refused the API key (" + status + ")", details);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new ProviderUnavailableException(what + ": the server answered " + status, details);
        }
        throw new InvalidRequestException(what + ": the server answered " + status, details);
    }

    private static ErrorDetails details(int status) {
        return ErrorDetails.none().withProvider(SERVER).withStatus(status);
    }

    @Override
    public String toString() {
        return "ServerHttp[timeout=" + timeout + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
