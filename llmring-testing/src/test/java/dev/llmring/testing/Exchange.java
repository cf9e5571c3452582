package dev.llmring.testing;

import dev.llmring.ChatRequest;
import dev.llmring.StreamEvent;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Plays the core's part for one exchange, by hand: encode, send with a plain HttpClient, then classify a failure or
 * feed the body (whole, or as SSE frames) to the adapter's decoder.
 */
final class Exchange {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final int status;
    final HttpResponse<byte[]> response;
    final List<StreamEvent> events = new ArrayList<>();

    @Nullable
    ProviderError error;

    @Nullable
    ProviderFailure failure;

    @Nullable
    String bodyRequestId;

    private Exchange(HttpResponse<byte[]> response) {
        this.status = response.statusCode();
        this.response = response;
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder("test").user(text).build();
    }

    static Exchange call(ProviderAdapter adapter, String model, boolean stream) throws IOException {
        return call(adapter, ask("hello there, scripted world"), model, stream, null);
    }

    static Exchange call(
            ProviderAdapter adapter, ChatRequest request, String model, boolean stream, @Nullable Duration timeout)
            throws IOException {
        HttpCall call = adapter.encode(request, model, stream);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(call.uri()).POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(b::header);
        if (timeout != null) b.timeout(timeout);
        HttpResponse<byte[]> response;
        try {
            response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Exchange x = new Exchange(response);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (x.status / 100 != 2) {
            x.error = adapter.classify(x.status, response.headers(), body);
            return x;
        }
        EventSink sink = new EventSink() {
            @Override
            public void emit(StreamEvent event) {
                x.events.add(event);
            }

            @Override
            public void requestId(String requestId) {
                x.bodyRequestId = requestId;
            }
        };
        ResponseDecoder decoder = adapter.decoder(model, sink);
        try {
            if (stream) {
                for (String[] frame : frames(body)) decoder.onFrame(frame[0], frame[1]);
                decoder.onEnd();
            } else {
                decoder.decodeBody(response.body());
            }
        } catch (ProviderFailure f) {
            x.failure = f;
        }
        return x;
    }

    /** Minimal SSE framing: blank-line separated events, {@code event:} and {@code data:} lines. */
    static List<String[]> frames(String body) {
        List<String[]> frames = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) continue;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) event = line.substring(7);
                else if (line.startsWith("data: "))
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(6));
            }
            frames.add(new String[] {event, data.toString()});
        }
        return frames;
    }

    Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (StreamEvent e : events) if (e instanceof StreamEvent.TextDelta t) sb.append(t.text());
        return sb.toString();
    }

    <T extends StreamEvent> List<T> events(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
