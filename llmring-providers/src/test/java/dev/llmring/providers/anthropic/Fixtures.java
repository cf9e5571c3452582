package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.StreamEvent;
import dev.llmring.providers.testsupport.Frames;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Anthropic test support: the adapter with a fake key, encoded bodies, and decoding of recorded-shape fixtures. */
final class Fixtures {
    static final String MODEL = "claude-sonnet-4-5-20250929";

    private Fixtures() {}

    static ProviderAdapter adapter() {
        return new AnthropicProviderFactory()
                .create(ProviderConfig.builder("anthropic")
                        .apiKey(ApiKey.of("test-key-123"))
                        .environment(v -> null)
                        .build());
    }

    /** The request body {@code request} encodes to, as a JSON tree. */
    static JsonNode body(ChatRequest request, boolean stream) {
        return TestResources.json(adapter().encode(request, MODEL, stream).body());
    }

    static JsonNode body(ChatRequest request) {
        return body(request, false);
    }

    static JsonNode json(String json) {
        return TestResources.json(json);
    }

    static String resource(String name) {
        return TestResources.read("anthropic", name);
    }

    /** Decodes a non-streamed body fixture. */
    static List<StreamEvent> decodeBody(String fixture) {
        RecordingSink sink = new RecordingSink();
        adapter().decoder(MODEL, sink).decodeBody(resource(fixture).getBytes(StandardCharsets.UTF_8));
        return sink.events;
    }

    /** Feeds every frame of an SSE fixture, then the end of the body. */
    static List<StreamEvent> decodeStream(String fixture) {
        RecordingSink sink = new RecordingSink();
        feed(fixture, adapter().decoder(MODEL, sink));
        return sink.events;
    }

    /** Feeds every frame of an SSE fixture to {@code decoder} and ends the body. */
    static void feed(String fixture, ResponseDecoder decoder) {
        Frames.feedSse(resource(fixture), decoder);
    }
}
