package dev.llmring.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmring.ChatRequest;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.StreamEvent;
import dev.llmring.StreamException;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.providers.testsupport.WireMockRing;
import dev.llmring.providers.testsupport.WireResponses;
import java.util.Iterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What marks a complete stream, per provider, held to through the public API: a body that ends before it (after some
 * content has reached the caller) ends the iteration with a {@link StreamException}, never a short answer. OpenAI:
 * {@code [DONE]}, or the finish reason and then the usage chunk; Anthropic: {@code message_stop}; Gemini: a
 * {@code finishReason} with no content after it; Ollama: the {@code "done": true} line.
 */
class CutStreamsTest {
    @RegisterExtension
    static final WireMockRing WIRE = new WireMockRing();

    private static LlmRing ring() {
        return WIRE.ring("test-key").build();
    }

    @ParameterizedTest
    @CsvSource({
        "openai:gpt-4o-mini, /openai/v1/chat/completions, openai, stream-cut-before-usage.sse",
        "openai:gpt-4o-mini, /openai/v1/chat/completions, openai, stream-cut.sse",
        "anthropic:claude-sonnet-4-5, /anthropic/v1/messages, anthropic, stream-cut.sse",
        "google:gemini-2.5-flash, /google/v1beta/models/gemini-2.5-flash:streamGenerateContent, google,"
                + " stream-content-after-finish.sse",
        "google:gemini-2.5-flash, /google/v1beta/models/gemini-2.5-flash:streamGenerateContent, google,"
                + " stream-cut.sse",
        "ollama:llama3.2, /ollama/api/chat, ollama, stream-cut.ndjson",
    })
    void aStreamCutBeforeItsEndMarkerIsAStreamException(String model, String path, String provider, String fixture) {
        String body = TestResources.read(provider, fixture);
        WIRE.server()
                .stubFor(post(urlPathEqualTo(path))
                        .willReturn(
                                fixture.endsWith(".ndjson")
                                        ? WireResponses.ndjson(body)
                                        : WireResponses.eventStream(body)));
        try (LlmRing ring = ring();
                ChatStream stream =
                        ring.stream(ChatRequest.builder(model).user("Say hello").build())) {
            Iterator<StreamEvent> events = stream.iterator();
            assertThrows(StreamException.class, () -> {
                while (events.hasNext()) {
                    assertEquals(false, events.next() instanceof StreamEvent.Finish, "a cut stream never finishes");
                }
            });
        }
    }
}
