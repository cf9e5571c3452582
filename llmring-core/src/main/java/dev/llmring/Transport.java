package dev.llmring;

import dev.llmring.spi.HttpCall;
import dev.llmring.spi.WireFormat;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends an adapter's {@link HttpCall} with the JDK HttpClient, <em>synchronously on the calling thread</em>, and
 * returns as soon as the response headers are in. A 2xx body is then collected by a {@link BodyCollector}
 * (non-streamed, refused past {@link #maxResponseBytes()}) or pushed to a {@link StreamSubscriber} as it arrives
 * (streamed); any other body is collected up to {@link Failures#ERROR_BODY_CAP} for classification. The caller waits for the body under its own bound.
 *
 * <p>Why {@code send} and not {@code sendAsync}: the future {@code sendAsync} returns is completed through
 * {@code CompletableFuture}'s default async pool (on a machine with two cores or fewer, a new thread per call), and
 * every internal step of the exchange is handed to the client's executor; {@code send} does neither. The time until
 * the headers is bounded by the {@link ExchangeTimer}, which interrupts the sending thread: an interrupt aborts the
 * exchange (see {@link CallControl#sending}).
 *
 * <p>Every URL is sent as HTTP/1.1 on llmring's own HttpClients ({@code https} too, see {@link Shared} for why; no h2c
 * upgrade dance on {@code http://}); an application's own HttpClient speaks whatever it was built for. The JDK client
 * never retries a POST by itself, so the router's retries are the only ones.
 */
final class Transport {
    static final String USER_AGENT = "llmring-java/0.1";
    private final Supplier<HttpClient> client;
    private final Supplier<HttpClient> plain;
    private final ExchangeTimer timer;
    private final int maxResponseBytes;

    /** One client for every URL. */
    Transport(HttpClient client) {
        this(() -> client, () -> client, new ExchangeTimer(), RingConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * {@code client} for {@code https} URLs, {@code plain} for {@code http} ones (see {@link Shared}: each is built
     * when first asked for); {@code maxResponseBytes} bounds every answer held in memory.
     */
    Transport(Supplier<HttpClient> client, Supplier<HttpClient> plain, ExchangeTimer timer, int maxResponseBytes) {
        this.client = client;
        this.plain = plain;
        this.timer = timer;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The most bytes of one answer held in memory (see {@code LlmRing.Builder#maxResponseBytes}). */
    int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Bounds the wait for headers. */
    ExchangeTimer timer() {
        return timer;
    }

    HttpClient client() {
        return client.get();
    }

    /** The request for {@code call}. */
    HttpRequest request(HttpCall call, boolean stream, WireFormat format) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(call.uri()).POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if ("http".equalsIgnoreCase(call.uri().getScheme())) b.version(HttpClient.Version.HTTP_1_1);
        boolean contentType = false;
        boolean accept = false;
        boolean userAgent = false;
        for (var h : call.headers().entrySet()) {
            String name = h.getKey();
            contentType |= name.equalsIgnoreCase("content-type");
            accept |= name.equalsIgnoreCase("accept");
            userAgent |= name.equalsIgnoreCase("user-agent");
            b.header(name, h.getValue());
        }
        if (!contentType) b.header("Content-Type", "application/json");
        if (!accept) {
            b.header(
                    "Accept",
                    !stream
                            ? "application/json"
                            : format == WireFormat.NDJSON ? "application/x-ndjson" : "text/event-stream");
        }
        if (!userAgent) b.header("User-Agent", USER_AGENT);
        return b.build();
    }

    /**
     * The first value of header {@code name} (any case), or null: {@link HttpHeaders#map()} is keyed
     * case-insensitively, and a map lookup allocates nothing where {@link HttpHeaders#firstValue} runs a stream.
     */
    static @Nullable String firstValue(HttpHeaders headers, String name) {
        List<String> values = headers.map().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The {@code Content-Length}, or -1 when absent or not a number. */
    static long contentLength(HttpHeaders headers) {
        String value = firstValue(headers, "content-length");
        if (value == null) return -1;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Sends {@code request} and returns at the headers. The body of the response is a {@link BodyCollector} (2xx
     * non-streamed, or an error body) or the {@link StreamSubscriber} from {@code streams} (2xx streamed).
     *
     * @throws IOException when the exchange failed
     * @throws InterruptedException when the thread was interrupted (the exchange is aborted)
     */
    HttpResponse<Object> send(HttpRequest request, @Nullable Supplier<StreamSubscriber> streams)
            throws IOException, InterruptedException {
        HttpClient c = "http".equalsIgnoreCase(request.uri().getScheme()) ? plain.get() : client.get();
        return c.send(request, info -> {
            long length = contentLength(info.headers());
            if (info.statusCode() / 100 != 2) return BodyCollector.truncating(Failures.ERROR_BODY_CAP, length);
            if (streams != null) return streams.get();
            return BodyCollector.refusing(maxResponseBytes, length);
        });
    }
}
