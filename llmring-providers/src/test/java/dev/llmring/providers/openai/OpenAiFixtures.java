package dev.llmring.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.StreamEvent;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Recorded-shape fixtures under {@code src/test/resources/openai/} and small helpers to drive the adapter. */
final class OpenAiFixtures {
    static final String TEST_KEY = "test-key-123";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiFixtures() {}

    static String text(String name) {
        try (InputStream in = OpenAiFixtures.class.getResourceAsStream("/openai/" + name)) {
            if (in == null) throw new IllegalStateException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return tree(text(name));
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        return tree(new String(json, StandardCharsets.UTF_8));
    }

    /** The adapter as the factory makes it for {@code openai} with a fake key. */
    static OpenAiAdapter adapter() {
        return adapter(ProviderConfig.builder("openai").apiKey(ApiKey.of(TEST_KEY)).environment(v -> null).build());
    }

    static OpenAiAdapter adapter(ProviderConfig config) {
        return (OpenAiAdapter) new OpenAiProviderFactory().create(config);
    }

    static ProviderConfig.Builder config(String name, Map<String, String> env) {
        return ProviderConfig.builder(name).environment(env::get);
    }

    static URI uri(String s) {
        return URI.create(s);
    }

    /** One SSE frame: its event name and joined data lines. */
    record Frame(@Nullable String event, String data) {}

    /** A minimal SSE framer for fixtures (blank-line separated events, {@code event:} and {@code data:} lines). */
    static List<Frame> frames(String sse) {
        List<Frame> frames = new ArrayList<>();
        for (String block : sse.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) event = line.substring(6).trim();
                else if (line.startsWith("data:")) data.add(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
            if (!data.isEmpty()) frames.add(new Frame(event, String.join("\n", data)));
        }
        return frames;
    }

    /** Collects what a decoder emits. */
    static final class Sink implements EventSink {
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

        ResponseDecoder decoder() {
            return adapter().decoder("gpt-4o", this);
        }
    }

    /** Feeds every frame of an SSE fixture and then the end of the body; returns the events. */
    static List<StreamEvent> stream(String fixture) {
        Sink sink = new Sink();
        ResponseDecoder decoder = sink.decoder();
        for (Frame frame : frames(text(fixture))) {
            decoder.onFrame(frame.event(), frame.data());
        }
        decoder.onEnd();
        return sink.events;
    }

    /** Decodes a non-streamed body fixture; returns the events. */
    static List<StreamEvent> body(String fixture) {
        Sink sink = new Sink();
        sink.decoder().decodeBody(text(fixture).getBytes(StandardCharsets.UTF_8));
        return sink.events;
    }
}
