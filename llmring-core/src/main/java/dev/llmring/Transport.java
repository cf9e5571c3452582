package dev.llmring;

import dev.llmring.spi.HttpCall;
import dev.llmring.spi.WireFormat;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends an adapter's {@link HttpCall} with the JDK HttpClient. A 2xx body is read whole (non-streamed) or handed to a
 * {@link StreamSubscriber} as it arrives (streamed); any other body is read up to {@link Failures#ERROR_BODY_CAP}
 * for classification. {@code http://} URLs are sent as HTTP/1.1 (no h2c upgrade dance per request); {@code https}
 * negotiates HTTP/2 when the server offers it. The JDK client never retries a POST by itself, so the router's
 * retries are the only ones.
 */
final class Transport {
    static final String USER_AGENT = "llmring-java/0.1";

    private final HttpClient client;

    Transport(HttpClient client) {
        this.client = client;
    }

    HttpClient client() {
        return client;
    }

    HttpRequest request(HttpCall call, boolean stream, WireFormat format) {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if ("http".equalsIgnoreCase(call.uri().getScheme())) b.version(HttpClient.Version.HTTP_1_1);
        boolean contentType = false;
        boolean accept = false;
        boolean userAgent = false;
        for (var h : call.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            contentType |= name.equals("content-type");
            accept |= name.equals("accept");
            userAgent |= name.equals("user-agent");
            b.header(h.getKey(), h.getValue());
        }
        if (!contentType) b.header("Content-Type", "application/json");
        if (!accept) {
            b.header("Accept", !stream ? "application/json"
                    : format == WireFormat.NDJSON ? "application/x-ndjson" : "text/event-stream");
        }
        if (!userAgent) b.header("User-Agent", USER_AGENT);
        return b.build();
    }

    /**
     * Sends {@code request}. The body of the response is a {@code byte[]} (2xx non-streamed, or an error body) or the
     * {@link StreamSubscriber} from {@code streams} (2xx streamed; the future completes with the headers).
     */
    CompletableFuture<HttpResponse<Object>> send(HttpRequest request, @Nullable Supplier<StreamSubscriber> streams) {
        return client.sendAsync(request, info -> {
            if (info.statusCode() / 100 != 2) {
                return BodySubscribers.mapping(new CappedBytes(Failures.ERROR_BODY_CAP), b -> (Object) b);
            }
            if (streams != null) return streams.get();
            return BodySubscribers.mapping(BodySubscribers.ofByteArray(), b -> (Object) b);
        });
    }

    /** Keeps the first {@code cap} bytes of a body and stops reading there. */
    static final class CappedBytes implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private byte[] bytes = new byte[0];
        private int size;
        private Flow.@Nullable Subscription subscription;

        CappedBytes(int cap) {
            this.cap = cap;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), cap - size);
                if (n <= 0) continue;
                if (size + n > bytes.length) bytes = java.util.Arrays.copyOf(bytes, Math.min(cap, (size + n) * 2));
                b.get(bytes, size, n);
                size += n;
            }
            if (size >= cap && !result.isDone()) {
                result.complete(java.util.Arrays.copyOf(bytes, size));
                Flow.Subscription s = subscription;
                if (s != null) s.cancel();
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(java.util.Arrays.copyOf(bytes, size));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
