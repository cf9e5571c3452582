package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The HTTP plumbing every batch API shares: the base URL (no trailing slash), the authentication headers, a five-minute
 * timeout per call, and one rule for failures: any status but 2xx, an I/O failure or a body that is not JSON becomes a
 * {@link ProviderBatchException} naming the provider, the call and the status, never the key or the response body.
 * Result files are read line by line ({@link #lines}), never whole.
 */
final class BatchHttp {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final String provider;
    private final String base;
    private final Map<String, String> headers;

    BatchHttp(HttpClient http, String provider, URI baseUrl, Map<String, String> headers) {
        this.http = http;
        this.provider = provider;
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.headers = new LinkedHashMap<>(headers);
    }

    /** The base URL without a trailing slash. */
    String base() {
        return base;
    }

    /** A request to {@code uri} with the authentication headers and the timeout. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        headers.forEach(b::header);
        return b;
    }

    /** {@code GET base + path}, as JSON. */
    JsonNode get(String path) {
        return json("GET " + path, request(URI.create(base + path)).GET().build());
    }

    /** {@code POST base + path} of a JSON body, as JSON. */
    JsonNode post(String path, String jsonBody) {
        HttpRequest request = request(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
                .build();
        return json("POST " + path, request);
    }

    JsonNode json(String call, HttpRequest request) {
        return parse(call, exchange(call, request).body());
    }

    /** Sends {@code request}; a 2xx response with its body as text, or the exception. */
    HttpResponse<String> exchange(String call, HttpRequest request) {
        HttpResponse<String> response = send(call, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) throw failed(call, response.statusCode());
        return response;
    }

    /** Reads a JSONL response line by line, handing each non-blank line to {@code each} as JSON. */
    void lines(String call, HttpRequest request, Consumer<JsonNode> each) {
        HttpResponse<InputStream> response = send(call, request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) throw failed(call, response.statusCode());
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) each.accept(parse(call, line));
            }
        } catch (IOException e) {
            throw new ProviderBatchException(
                    provider + " batch: " + call + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * A request body of {@code head}, each of {@code lines} followed by a newline, then {@code tail}, encoded as it is
     * sent (the lines are not joined into one string first), with its length declared (no chunked encoding).
     */
    static HttpRequest.BodyPublisher jsonl(String head, List<String> lines, String tail) {
        long length = head.getBytes(StandardCharsets.UTF_8).length + tail.getBytes(StandardCharsets.UTF_8).length;
        for (String line : lines) length += line.getBytes(StandardCharsets.UTF_8).length + 1L;
        Iterable<byte[]> parts = () -> new Iterator<>() {
            private int next = -1;

            @Override
            public boolean hasNext() {
                return next <= lines.size();
            }

            @Override
            public byte[] next() {
                if (!hasNext()) throw new NoSuchElementException();
                int i = next++;
                String text = i < 0 ? head : i == lines.size() ? tail : lines.get(i) + "\n";
                return text.getBytes(StandardCharsets.UTF_8);
            }
        };
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(parts), length);
    }

    private <T> HttpResponse<T> send(String call, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ProviderBatchException(
                    provider + " batch: " + call + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderBatchException(provider + " batch: " + call + ": interrupted");
        }
    }

    private JsonNode parse(String call, String text) {
        try {
            return Jsons.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ProviderBatchException(provider + " batch: " + call + ": the response is not JSON");
        }
    }

    private ProviderBatchException failed(String call, int status) {
        return new ProviderBatchException(provider + " batch: " + call + ": HTTP " + status);
    }
}
