package dev.llmring.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.StreamEvent;
import dev.llmring.providers.testsupport.Frames;
import dev.llmring.providers.testsupport.RecordingSink;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ResponseDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** OpenAI test support: the adapter with a fake key, and decoding of the {@code openai/} fixtures. */
final class OpenAiFixtures {
    static final String TEST_KEY = "test-key-123";

    private OpenAiFixtures() {}

    static String text(String name) {
        return TestResources.read("openai", name);
    }

    static JsonNode json(String name) {
        return tree(text(name));
    }

    static JsonNode tree(String json) {
        return TestResources.json(json);
    }

    static JsonNode tree(byte[] json) {
        return TestResources.json(json);
    }

    /** The adapter as the factory makes it for {@code openai} with a fake key. */
    static OpenAiAdapter adapter() {
        return adapter(ProviderConfig.builder("openai")
                .apiKey(ApiKey.of(TEST_KEY))
                .environment(v -> null)
                .build());
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

    /** A decoder of the default adapter delivering to {@code sink}. */
    static ResponseDecoder decoder(RecordingSink sink) {
        return adapter().decoder("gpt-4o", sink);
    }

    /** Feeds every frame of an SSE fixture and then the end of the body; returns the events. */
    static List<StreamEvent> stream(String fixture) {
        RecordingSink sink = new RecordingSink();
        Frames.feedSse(text(fixture), decoder(sink));
        return sink.events;
    }

    /** Decodes a non-streamed body fixture; returns the events. */
    static List<StreamEvent> body(String fixture) {
        RecordingSink sink = new RecordingSink();
        decoder(sink).decodeBody(text(fixture).getBytes(StandardCharsets.UTF_8));
        return sink.events;
    }
}
