package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.ChatRequest;
import dev.llmring.StreamEvent;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Test support: the adapter, recorded-shape fixtures, a minimal SSE splitter and an event collector. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String MODEL = "claude-sonnet-4-5-20250929";

    private Fixtures() {}

    static ProviderAdapter adapter() {
        return new AnthropicProviderFactory().create(
                ProviderConfig.builder("anthropic").apiKey(ApiKey.of("test-key-123")).environment(v -> null).build());
    }

    /** The request body {@code request} encodes to, as a JSON tree. */
    static JsonNode body(ChatRequest request, boolean stream) {
        return json(new String(adapter().encode(request, MODEL, stream).body(), StandardCharsets.UTF_8));
    }

    static JsonNode body(ChatRequest request) {
        return body(request, false);
    }

    static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/anthropic/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a non-streamed body fixture. */
    static List<StreamEvent> decodeBody(String fixture) {
        Collector sink = new Collector();
        adapter().decoder(MODEL, sink).decodeBody(resource(fixture).getBytes(StandardCharsets.UTF_8));
        return sink.events;
    }

    /** Feeds every frame of an SSE fixture, then the end of the body. */
    static List<StreamEvent> decodeStream(String fixture) {
        Collector sink = new Collector();
        feed(fixture, adapter().decoder(MODEL, sink));
        return sink.events;
    }

    /** Feeds every frame of an SSE fixture and ends the body; events go to {@code sink}. */
    static void feed(String fixture, ResponseDecoder decoder) {
        for (Frame f : frames(resource(fixture))) decoder.onFrame(f.event, f.data);
        decoder.onEnd();
    }

    /** Splits SSE text into frames (enough for fixtures: event and data fields, comments skipped). */
    static List<Frame> frames(String sse) {
        List<Frame> frames = new ArrayList<>();
        for (String chunk : sse.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            List<String> data = new ArrayList<>();
            for (String line : chunk.split("\n")) {
                if (line.startsWith("event:")) event = line.substring(6).strip();
                else if (line.startsWith("data:")) data.add(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
            if (!data.isEmpty()) frames.add(new Frame(event, String.join("\n", data)));
        }
        return frames;
    }

    record Frame(@Nullable String event, String data) {}

    /** Collects events and request ids. */
    static final class Collector implements EventSink {
        final List<StreamEvent> events = new ArrayList<>();
        final List<String> requestIds = new ArrayList<>();

        @Override
        public void emit(StreamEvent event) {
            events.add(event);
        }

        @Override
        public void requestId(String requestId) {
            requestIds.add(requestId);
        }
    }
}
