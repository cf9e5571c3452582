package dev.llmring.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.batch.BatchFixture.record;
import static dev.llmring.batch.BatchFixture.runner;
import static dev.llmring.batch.BatchFixture.shortLine;
import static dev.llmring.batch.BatchFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmring.LlmRing;
import dev.llmring.registry.Registry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider batch mode against a loopback OpenAI Files and Batch API shaped as its reference shows. */
class ProviderModeTest extends BatchTestBase {
    private final List<Duration> waits = new ArrayList<>();

    private ProviderBatch.Builder openAi() {
        return ProviderBatch.builder()
                .endpoint("openai", server.baseUrl(), "test-key")
                .pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(15))
                .sleeper(waits::add);
    }

    private static String batch(String id, String status, String output, String error) {
        return "{\"id\":\"" + id + "\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",\"errors\":null,"
                + "\"input_file_id\":\"file-in\",\"completion_window\":\"24h\",\"status\":\"" + status + "\","
                + "\"output_file_id\":" + output + ",\"error_file_id\":" + error + ",\"created_at\":1711471533,"
                + "\"request_counts\":{\"total\":2,\"completed\":1,\"failed\":1},\"metadata\":null}";
    }

    private static String okLine(String id, String text) {
        return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id + "\",\"response\":{\"status_code\":200,"
                + "\"request_id\":\"req_" + id + "\",\"body\":" + FakeOpenAi.completion(text, 12, 3) + "},"
                + "\"error\":null}";
    }

    private static String expiredLine(String id) {
        return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id + "\",\"response\":null,\"error\":{\"code\":"
                + "\"batch_expired\",\"message\":\"This request could not be executed before the completion window "
                + "expired.\"}}";
    }

    private void json(String method, String path, String body) {
        var m = method.equals("GET") ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        server.wm.stubFor(m.willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    /** {@code GET path} answers each body in turn, the last one from then on. */
    private void sequence(String method, String path, String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i + 1 < bodies.length ? path + "-" + (i + 1) : state;
            var m = method.equals("GET") ? get(urlEqualTo(path)) : post(urlEqualTo(path));
            server.wm.stubFor(m.inScenario(method + path)
                    .whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(bodies[i])));
            state = next;
        }
    }

    private static String file(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":120,\"created_at\":1677610602,"
                + "\"filename\":\"batch.jsonl\",\"purpose\":\"batch\"}";
    }

    private List<LoggedRequest> posts(String path) {
        return server.wm.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private Path twoLines() {
        return write(
                dir,
                "in.jsonl",
                List.of(shortLine("a", "openai:gpt-4o-mini", "one"), shortLine("b", "openai:gpt-4o-mini", "two")));
    }

    @Test
    void aCompletedJobJournalsEachAnswerAndErrorAtTheBatchDiscountWithoutLiveCalls() throws Exception {
        json("POST", "/v1/files", file("file-in"));
        json("POST", "/v1/batches", batch("batch_1", "validating", "null", "null"));
        sequence(
                "GET",
                "/v1/batches/batch_1",
                batch("batch_1", "in_progress", "null", "null"),
                batch("batch_1", "completed", "\"file-out\"", "\"file-err\""));
        json("GET", "/v1/files/file-out/content", okLine("a", "first") + "\n");
        json(
                "GET",
                "/v1/files/file-err/content",
                "{\"id\":\"batch_req_b\",\"custom_id\":\"b\",\"response\":{\"status_code\":400,\"request_id\":\"r\","
                        + "\"body\":{\"error\":{\"message\":\"bad max_tokens\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":null}}},\"error\":null}\n");
        Registry registry =
                Registry.builder().baseUrl(FakeOpenAi.registry(dir).toUri()).build();
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary summary = runner(ring, twoLines(), out())
                    .providerMode(openAi().registry(registry).build())
                    .build()
                    .run();
            assertEquals(1, summary.ok(), summary.toString());
            assertEquals(1, summary.failed(), summary.toString());
        }
        JsonNode a = record(out(), "a");
        assertEquals("first", a.path("response").path("text").asText());
        assertEquals(
                0,
                new BigDecimal("0.0000018").compareTo(a.path("cost").path("usd").decimalValue()));
        assertEquals(0.5, a.path("cost").path("batch_discount").asDouble());
        JsonNode b = record(out(), "b");
        assertEquals("invalid_request_error", b.path("error").path("type").asText());
        assertEquals(400, b.path("error").path("status").asInt());
        assertEquals(0, server.requests().size(), "no live chat call");
        assertEquals(List.of(Duration.ofSeconds(10)), waits);
        String upload = posts("/v1/files").get(0).getBodyAsString();
        assertTrue(upload.contains("name=\"purpose\"\r\n\r\nbatch"), upload);
        assertTrue(upload.contains("\"url\":\"/v1/chat/completions\""), upload);
        assertTrue(upload.contains("\"model\":\"gpt-4o-mini\""), upload);
    }

    @Test
    void aRestartReattachesToTheJournaledJobInsteadOfSubmittingAgain() throws Exception {
        Path state = dir.resolve("out.jsonl.state");
        Files.createDirectories(state);
        Files.writeString(
                state.resolve("jobs.jsonl"),
                "{\"job\":\"batch_1\",\"binding\":\"openai:gpt-4o-mini\",\"custom_ids\":[\"a\",\"b\"]}\n");
        json("GET", "/v1/batches/batch_1", batch("batch_1", "completed", "\"file-out\"", "null"));
        json("GET", "/v1/files/file-out/content", okLine("a", "first") + "\n" + okLine("b", "second") + "\n");
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary summary = runner(ring, twoLines(), out())
                    .providerMode(openAi().build())
                    .build()
                    .run();
            assertEquals(2, summary.ok(), summary.toString());
        }
        assertEquals(0, posts("/v1/files").size());
        assertEquals(0, posts("/v1/batches").size());
        assertEquals("second", record(out(), "b").path("response").path("text").asText());
    }

    @Test
    void anExpiredJobKeepsItsAnswersAndResubmitsOnlyTheMissingIds() throws Exception {
        sequence("POST", "/v1/files", file("file-in-1"), file("file-in-2"));
        sequence(
                "POST",
                "/v1/batches",
                batch("batch_1", "validating", "null", "null"),
                batch("batch_2", "validating", "null", "null"));
        json("GET", "/v1/batches/batch_1", batch("batch_1", "expired", "\"file-out-1\"", "\"file-err-1\""));
        json("GET", "/v1/files/file-out-1/content", okLine("a", "first") + "\n");
        json("GET", "/v1/files/file-err-1/content", expiredLine("b") + "\n");
        json("GET", "/v1/batches/batch_2", batch("batch_2", "completed", "\"file-out-2\"", "null"));
        json("GET", "/v1/files/file-out-2/content", okLine("b", "second") + "\n");
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary summary = runner(ring, twoLines(), out())
                    .providerMode(openAi().build())
                    .build()
                    .run();
            assertEquals(2, summary.ok(), summary.toString());
        }
        String resubmitted = posts("/v1/files").get(1).getBodyAsString();
        assertTrue(resubmitted.contains("\"custom_id\":\"b\""), resubmitted);
        assertFalse(resubmitted.contains("\"custom_id\":\"a\""), resubmitted);
        assertEquals("first", record(out(), "a").path("response").path("text").asText());
        assertEquals("second", record(out(), "b").path("response").path("text").asText());
    }

    @Test
    void linesAnExpiredJobLeftAfterTheLastResubmitGetABatchExpiredError() throws Exception {
        json("POST", "/v1/files", file("file-in"));
        json("POST", "/v1/batches", batch("batch_1", "validating", "null", "null"));
        json("GET", "/v1/batches/batch_1", batch("batch_1", "expired", "\"file-out\"", "null"));
        json("GET", "/v1/files/file-out/content", okLine("a", "first") + "\n");
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary summary = runner(ring, twoLines(), out())
                    .providerMode(openAi().maxResubmits(0).build())
                    .build()
                    .run();
            assertEquals(1, summary.failed(), summary.toString());
        }
        assertEquals(
                "batch_expired", record(out(), "b").path("error").path("type").asText());
        assertEquals(1, posts("/v1/batches").size());
    }

    @Test
    void aBindingOnAProviderWithoutABatchApiIsRefusedByNameBeforeAnythingIsSubmitted() throws Exception {
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", "ollama:llama3.2", "one")));
        try (LlmRing ring = LlmRing.builder()
                .environment(Map.of("OPENAI_API_KEY", "test-key")::get)
                .baseUrl("ollama", server.baseUrl())
                .noRegistry()
                .build()) {
            BatchRunner runner =
                    runner(ring, in, out()).providerMode(openAi().build()).build();
            ProviderBatchException e = assertThrows(ProviderBatchException.class, runner::run);
            assertTrue(e.getMessage().contains("ollama:llama3.2"), e.getMessage());
        }
        assertEquals(0, posts("/v1/files").size());
    }

    @Test
    void noWaitSubmitsAndReturnsPendingAndTheNextRunCollectsWithoutSubmittingAgain() throws Exception {
        json("POST", "/v1/files", file("file-in"));
        json("POST", "/v1/batches", batch("batch_1", "validating", "null", "null"));
        json("GET", "/v1/batches/batch_1", batch("batch_1", "in_progress", "null", "null"));
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary first = runner(ring, twoLines(), out())
                    .providerMode(openAi().noWait(true).build())
                    .build()
                    .run();
            assertEquals(BatchSummary.Stop.PENDING, first.stop(), first.toString());
            assertEquals(0, first.ok(), first.toString());
        }
        assertTrue(waits.isEmpty(), waits::toString);
        json("GET", "/v1/batches/batch_1", batch("batch_1", "completed", "\"file-out\"", "null"));
        json("GET", "/v1/files/file-out/content", okLine("a", "first") + "\n" + okLine("b", "second") + "\n");
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary second = runner(ring, twoLines(), out())
                    .providerMode(openAi().build())
                    .build()
                    .run();
            assertEquals(2, second.ok(), second.toString());
            assertEquals(BatchSummary.Stop.NONE, second.stop(), second.toString());
        }
        assertEquals(1, posts("/v1/batches").size());
        assertEquals(2, BatchFixture.records(out()).size());
    }
}
