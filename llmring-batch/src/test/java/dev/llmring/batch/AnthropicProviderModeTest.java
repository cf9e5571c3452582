package dev.llmring.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.batch.BatchFixture.batchLine;
import static dev.llmring.batch.BatchFixture.record;
import static dev.llmring.batch.BatchFixture.runner;
import static dev.llmring.batch.BatchFixture.shortLine;
import static dev.llmring.batch.BatchFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmring.LlmRing;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider batch mode against a loopback Anthropic Message Batches API shaped as its reference shows. */
class AnthropicProviderModeTest extends BatchTestBase {
    private static final String MODEL = "anthropic:claude-3-5-haiku-latest";
    private final List<Duration> waits = new ArrayList<>();

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.wm.port());
    }

    private LlmRing ring() {
        return LlmRing.builder()
                .environment(Map.of("ANTHROPIC_API_KEY", "test-key")::get)
                .baseUrl("anthropic", base())
                .noRegistry()
                .build();
    }

    private ProviderBatch settings() {
        return ProviderBatch.builder()
                .endpoint("anthropic", base(), "test-key")
                .pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(15))
                .sleeper(waits::add)
                .build();
    }

    private String batch(String id, String status, int succeeded, int expired) {
        String results = status.equals("ended") ? "\"" + base() + "/v1/messages/batches/" + id + "/results\"" : "null";
        return "{\"id\":\"" + id + "\",\"type\":\"message_batch\",\"processing_status\":\"" + status + "\","
                + "\"request_counts\":{\"processing\":0,\"succeeded\":" + succeeded + ",\"errored\":0,"
                + "\"canceled\":0,\"expired\":" + expired + "},\"ended_at\":null,"
                + "\"created_at\":\"2024-09-24T18:37:24.100435Z\",\"expires_at\":\"2024-09-25T18:37:24.100435Z\","
                + "\"cancel_initiated_at\":null,\"results_url\":" + results + "}";
    }

    private static String succeeded(String id, String text) {
        return "{\"custom_id\":\"" + id
                + "\",\"result\":{\"type\":\"succeeded\",\"message\":{\"id\":\"msg_014VwiXbi91y3JMjcpyGBHX5\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-5-haiku-20241022\",\"content\":[{\"type\":"
                + "\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":"
                + "{\"input_tokens\":11,\"output_tokens\":36}}}}";
    }

    private void stub(String method, String path, String state, String next, String body) {
        var m = method.equals("GET") ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        server.wm.stubFor(m.inScenario(method + path)
                .whenScenarioStateIs(state)
                .willSetStateTo(next)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private List<LoggedRequest> creates() {
        return server.wm.findAll(postRequestedFor(urlEqualTo("/v1/messages/batches")));
    }

    @Test
    void aJobIsCreatedWithMessagesParamsPolledAndEachResultJournaled() throws Exception {
        String s = Scenario.STARTED;
        stub("POST", "/v1/messages/batches", s, s, batch("msgbatch_1", "in_progress", 0, 0));
        stub("GET", "/v1/messages/batches/msgbatch_1", s, "done", batch("msgbatch_1", "in_progress", 0, 0));
        stub("GET", "/v1/messages/batches/msgbatch_1", "done", "done", batch("msgbatch_1", "ended", 1, 0));
        stub(
                "GET",
                "/v1/messages/batches/msgbatch_1/results",
                s,
                s,
                succeeded("a", "Hello") + "\n{\"custom_id\":\"b\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":"
                        + "\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too"
                        + " large\"}}}}\n");
        Path in = write(dir, "in.jsonl", List.of(batchLine("a", MODEL, "one"), shortLine("b", MODEL, "two")));
        try (LlmRing ring = ring()) {
            BatchSummary summary =
                    runner(ring, in, out()).providerMode(settings()).build().run();
            assertEquals(1, summary.ok(), summary.toString());
            assertEquals(1, summary.failed(), summary.toString());
        }
        assertEquals("Hello", record(out(), "a").path("response").path("text").asText());
        assertEquals(
                36,
                record(out(), "a")
                        .path("response")
                        .path("usage")
                        .path("output_tokens")
                        .asInt());
        assertEquals(
                "invalid_request_error",
                record(out(), "b").path("error").path("type").asText());
        String create = creates().get(0).getBodyAsString();
        assertTrue(create.contains("\"system\":\"Be brief.\""), create);
        assertTrue(create.contains("\"params\":{\"model\":\"claude-3-5-haiku-latest\",\"max_tokens\":50"), create);
        assertEquals("test-key", creates().get(0).getHeader("x-api-key"));
        assertEquals(List.of(Duration.ofSeconds(10)), waits);
    }

    @Test
    void expiredRequestsAreSubmittedAgainAloneAndTheFinishedOnesKept() throws Exception {
        String s = Scenario.STARTED;
        stub("POST", "/v1/messages/batches", s, "second", batch("msgbatch_1", "in_progress", 0, 0));
        stub("POST", "/v1/messages/batches", "second", "second", batch("msgbatch_2", "in_progress", 0, 0));
        stub("GET", "/v1/messages/batches/msgbatch_1", s, s, batch("msgbatch_1", "ended", 1, 1));
        stub(
                "GET",
                "/v1/messages/batches/msgbatch_1/results",
                s,
                s,
                succeeded("a", "first") + "\n{\"custom_id\":\"b\",\"result\":{\"type\":\"expired\"}}\n");
        stub("GET", "/v1/messages/batches/msgbatch_2", s, s, batch("msgbatch_2", "ended", 1, 0));
        stub("GET", "/v1/messages/batches/msgbatch_2/results", s, s, succeeded("b", "second") + "\n");
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", MODEL, "one"), shortLine("b", MODEL, "two")));
        try (LlmRing ring = ring()) {
            BatchSummary summary =
                    runner(ring, in, out()).providerMode(settings()).build().run();
            assertEquals(2, summary.ok(), summary.toString());
        }
        String again = creates().get(1).getBodyAsString();
        assertTrue(again.contains("\"custom_id\":\"b\""), again);
        assertFalse(again.contains("\"custom_id\":\"a\""), again);
        assertEquals("second", record(out(), "b").path("response").path("text").asText());
    }

    @Test
    void aLineWithToolsIsAnInvalidLineForAnthropicAndNothingIsSubmittedForIt() throws Exception {
        String line = "{\"custom_id\":\"a\",\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}]}";
        Path in = write(dir, "in.jsonl", List.of(line));
        try (LlmRing ring = ring()) {
            BatchSummary summary =
                    runner(ring, in, out()).providerMode(settings()).build().run();
            assertEquals(1, summary.failed(), summary.toString());
        }
        assertEquals(
                "invalid_line", record(out(), "a").path("error").path("type").asText());
        assertTrue(record(out(), "a").path("error").path("message").asText().contains("'tools'"));
        assertEquals(0, creates().size());
    }
}
