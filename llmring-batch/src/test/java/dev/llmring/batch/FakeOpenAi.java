package dev.llmring.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmring.LlmRing;
import dev.llmring.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A WireMock OpenAI Chat Completions endpoint on loopback, answering in the shape real traffic has, and a registry on
 * disk pricing {@code openai:gpt-4o-mini} at $0.15 / $0.60 per million tokens.
 */
final class FakeOpenAi implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";

    final WireMockServer wm;

    FakeOpenAi() {
        wm = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(80)
                .asynchronousResponseEnabled(true));
        wm.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + wm.port() + "/v1");
    }

    static String completion(String text, int promptTokens, int completionTokens) {
        return "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + text + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (promptTokens + completionTokens) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
                + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_06737a9306\"}";
    }

    static ResponseDefinitionBuilder ok(String text) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_batch_1")
                .withBody(completion(text, 12, 3));
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                        + "\",\"param\":null,\"code\":null}}");
    }

    /** Every request answers "fine". */
    FakeOpenAi answers() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(ok("fine")));
        return this;
    }

    /** Requests whose body contains {@code marker} get {@code response} (takes precedence over {@link #answers()}). */
    FakeOpenAi when(String marker, ResponseDefinitionBuilder response) {
        MappingBuilder m =
                post(urlEqualTo(PATH)).withRequestBody(containing(marker)).atPriority(1);
        wm.stubFor(m.willReturn(response));
        return this;
    }

    List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    /** Requests whose body contains {@code marker}. */
    long requestsWith(String marker) {
        return requests().stream()
                .filter(r -> r.getBodyAsString().contains(marker))
                .count();
    }

    /** A client sending {@code openai:*} here, with the registry in {@code dir} (or none). */
    LlmRing.Builder ring(@Nullable Path registryDir) {
        LlmRing.Builder b = LlmRing.builder()
                .environment(Map.of("OPENAI_API_KEY", "test-key")::get)
                .baseUrl("openai", baseUrl())
                .retryPolicy(dev.llmring.RetryPolicy.builder().maxAttempts(1).build());
        if (registryDir == null) b.noRegistry();
        else b.registry(Registry.builder().baseUrl(registryDir.toUri()).build());
        return b;
    }

    /** A registry directory pricing gpt-4o-mini ($0.15 in, $0.60 out per million) and nothing else. */
    static Path registry(Path dir) {
        String body = "{\"provider\":\"openai\",\"version\":2,\"updated_at\":\"2030-01-01T00:00:00Z\",\"models\":{"
                + "\"openai:gpt-4o-mini\":{\"provider\":\"openai\",\"model_name\":\"gpt-4o-mini\","
                + "\"dollars_per_million_tokens_input\":0.15,\"dollars_per_million_tokens_output\":0.6,"
                + "\"max_input_tokens\":128000,\"max_output_tokens\":16384,\"supports_streaming\":true,"
                + "\"is_active\":true}}}";
        try {
            Path root = dir.resolve("registry");
            Files.createDirectories(root.resolve("openai"));
            Files.writeString(root.resolve("openai/models.json"), body);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        wm.stop();
    }
}
