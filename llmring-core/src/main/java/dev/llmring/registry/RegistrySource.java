package dev.llmring.registry;

import dev.llmring.internal.http.BoundedHttp;
import dev.llmring.internal.http.HttpClientShutdown;
import dev.llmring.internal.http.IoFailures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Fetches registry documents from an {@code https:} (or, for tests, loopback {@code http:}) base URL or a
 * {@code file:} directory. Every fetch is bounded in time (headers and body together) and in size, and follows no
 * redirect (the rules of {@link BoundedHttp}). A missing document answers {@code null}; any other failure is a
 * {@link RegistryException}. Without a client of the caller's, each fetch builds an HttpClient of its own and stops it
 * when done (on Java 21 and later; before that it goes with the garbage collector): fetches are hours apart, so
 * nothing is kept between them, and a registry that serves from its cache (or is offline) never builds one.
 */
final class RegistrySource {
    private final URI base;
    private final @Nullable HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    /** {@code http}: the caller's client, or null for one of its own per fetch. */
    RegistrySource(URI base, @Nullable HttpClient http, Duration timeout, long maxBytes) {
        this.base = base;
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    boolean isLocal() {
        return "file".equals(base.getScheme());
    }

    URI base() {
        return base;
    }

    /** {@code {base}/{provider}/models.json} or {@code {base}/{provider}/v/{n}/models.json}. */
    URI uri(String provider, @Nullable Integer version) {
        String path = version == null ? provider + "/models.json" : provider + "/v/" + version + "/models.json";
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }

    /** The document's bytes, or {@code null} when the source has no such document (HTTP 404, missing file). */
    byte @Nullable [] fetch(String provider, @Nullable Integer version) {
        URI uri = uri(provider, version);
        return isLocal() ? readFile(provider, uri) : get(provider, uri);
    }

    private byte @Nullable [] readFile(String provider, URI uri) {
        Path path = Path.of(uri);
        try (InputStream in = Files.newInputStream(path)) {
            return readCapped(in, provider, uri);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RegistryException("cannot read registry file " + path + ": " + e.getMessage(), provider, e);
        }
    }

    private byte @Nullable [] get(String provider, URI uri) {
        if (http != null) return get(http, provider, uri);
        HttpClient own = BoundedHttp.newClient(timeout);
        try {
            return get(own, provider, uri);
        } finally {
            HttpClientShutdown.shutdownNow(own);
        }
    }

    private byte @Nullable [] get(HttpClient client, String provider, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        BoundedHttp.Response response;
        try {
            response = BoundedHttp.send(client, request, timeout, maxBytes);
        } catch (BoundedHttp.Failure f) {
            Throwable cause = f.getCause();
            switch (f.kind()) {
                case CONNECT_TIMED_OUT:
                case TIMED_OUT:
                    throw timedOut(provider, uri, cause);
                case TOO_LARGE:
                    throw tooLarge(provider, uri);
                case INTERRUPTED:
                    throw new RegistryUnavailableException("interrupted while fetching " + uri, provider, cause);
                default:
                    throw new RegistryUnavailableException(
                            "cannot fetch " + uri + ": " + describe(cause), provider, cause);
            }
        }
        int status = response.status();
        if (status == 404) return null;
        if (status >= 300 && status < 400) {
            throw new RegistryException(
                    "registry at " + uri + " answered a redirect (" + status + "); redirects are not followed",
                    provider);
        }
        if (status != 200) {
            throw new RegistryUnavailableException("registry at " + uri + " answered HTTP " + status, provider, null);
        }
        return response.body();
    }

    private byte[] readCapped(InputStream in, String provider, URI uri) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > maxBytes) throw tooLarge(provider, uri);
        return bytes;
    }

    /** The failure's class and what it means (the JDK's ConnectException has no message of its own). */
    private static String describe(@Nullable Throwable cause) {
        if (cause == null) return "failed";
        String message = IoFailures.message(cause);
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private RegistryException tooLarge(String provider, URI uri) {
        return new RegistryException(
                "registry document " + uri + " exceeds the size cap of " + maxBytes + " bytes", provider);
    }

    private RegistryException timedOut(String provider, URI uri, @Nullable Throwable cause) {
        return new RegistryUnavailableException(
                "fetching " + uri + " took longer than " + timeout.toMillis() + " ms", provider, cause);
    }
}
