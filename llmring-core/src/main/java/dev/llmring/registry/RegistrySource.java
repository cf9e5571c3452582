package dev.llmring.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Fetches registry documents from an {@code https:} (or, for tests, loopback {@code http:}) base URL or a
 * {@code file:} directory. Every fetch is bounded in time (headers and body together) and in size, and follows no
 * redirect. A missing document answers {@code null}; any other failure is a {@link RegistryException}.
 */
final class RegistrySource {
    private final URI base;
    private final @Nullable HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

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
        HttpClient client = Objects.requireNonNull(http, "http");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<HttpResponse<InputStream>> sent =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw timedOut(provider, uri, e);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while fetching " + uri, provider, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) throw timedOut(provider, uri, cause);
            throw new RegistryException("cannot fetch " + uri + ": " + cause, provider, cause);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404) return null;
            if (status >= 300 && status < 400) {
                throw new RegistryException("registry at " + uri + " answered a redirect (" + status
                        + "); redirects are not followed", provider);
            }
            if (status != 200) {
                throw new RegistryException("registry at " + uri + " answered HTTP " + status, provider);
            }
            return readBefore(body, deadline, provider, uri);
        } catch (IOException e) {
            throw new RegistryException("cannot read " + uri + ": " + e.getMessage(), provider, e);
        }
    }

    /** Reads the body, closing it (which aborts the exchange) if the deadline passes first. */
    private byte[] readBefore(InputStream body, long deadline, String provider, URI uri) throws IOException {
        long remaining = Math.max(deadline - System.nanoTime(), 1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean expired = new AtomicBoolean();
        CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(() -> {
            if (finished.get()) return;
            expired.set(true);
            try {
                body.close();
            } catch (IOException ignored) {
                // closing only aborts the read
            }
        });
        try {
            byte[] bytes = readCapped(body, provider, uri);
            if (expired.get()) throw timedOut(provider, uri, null);
            return bytes;
        } catch (IOException e) {
            if (expired.get()) throw timedOut(provider, uri, e);
            throw e;
        } finally {
            finished.set(true);
        }
    }

    private byte[] readCapped(InputStream in, String provider, URI uri) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > maxBytes) {
            throw new RegistryException("registry document " + uri + " exceeds the size cap of " + maxBytes
                    + " bytes", provider);
        }
        return bytes;
    }

    private RegistryException timedOut(String provider, URI uri, @Nullable Throwable cause) {
        return new RegistryException("fetching " + uri + " took longer than " + timeout.toMillis() + " ms",
                provider, cause);
    }
}
