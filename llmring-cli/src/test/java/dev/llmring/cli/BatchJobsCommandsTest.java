package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code llmring batch status|collect|cancel STATE_DIR} in process, against a loopback Gemini Batch API. */
class BatchJobsCommandsTest extends CliTestBase {
    private static final String CREATE = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";
    WireMockServer wm;

    @BeforeEach
    void setUp() throws IOException {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        cli.env.put("GEMINI_API_KEY", "test-key-123");
        cli.env.put("GEMINI_BASE_URL", "http://127.0.0.1:" + wm.port() + "/v1beta");
        Files.writeString(dir.resolve("in.jsonl"), line("a", "Say hi") + "\n" + line("b", "Say bye") + "\n");
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private static String line(String id, String text) {
        return "{\"custom_id\":\"" + id + "\",\"model\":\"google:gemini-2.5-flash\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}],\"max_tokens\":20}";
    }

    private void json(boolean isGet, String path, String body) {
        wm.stubFor((isGet ? get(urlEqualTo(path)) : post(urlEqualTo(path)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private static String operation(String state, String output) {
        return "{\"name\":\"batches/b1\",\"metadata\":{\"@type\":\"type.googleapis.com/google.ai.generativelanguage"
                + ".v1main.GenerateContentBatch\",\"model\":\"models/gemini-2.5-flash\",\"displayName\":\"llmring-batch\","
                + "\"batchStats\":{\"requestCount\":\"2\",\"pendingRequestCount\":\"2\"},\"state\":\"" + state + "\""
                + (output == null ? "" : ",\"output\":" + output) + "}}";
    }

    private static String answer(String key, String text) {
        return "{\"response\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text
                + "\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2,"
                + "\"totalTokenCount\":6}},\"metadata\":{\"key\":\"" + key + "\"}}";
    }

    private void submitWithoutWaiting() {
        json(false, CREATE, operation("BATCH_STATE_PENDING", null));
        json(true, "/v1beta/batches/b1", operation("BATCH_STATE_RUNNING", null));
        CliRunner.Result r =
                cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--mode", "provider", "--no-wait");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void statusPrintsEachJournaledJobWithTheProvidersStateAndCounts() throws IOException {
        submitWithoutWaiting();

        CliRunner.Result r = cli.run("batch", "status", "out.jsonl.state");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("batches/b1  google:gemini-2.5-flash  2 lines  running"), r::toString);
        assertTrue(r.out().contains("requestCount=2"), r::toString);

        CliRunner.Result j = cli.run("--json", "batch", "status", "out.jsonl.state");
        assertEquals(0, j.exitCode(), j::toString);
        JsonNode job = new ObjectMapper().readTree(j.out()).path("jobs").path(0);
        assertEquals("batches/b1", job.path("id").asText());
        assertEquals("running", job.path("state").asText());
        assertEquals(2, job.path("counts").path("pendingRequestCount").asInt());
        assertFalse(j.out().contains("test-key-123") || j.err().contains("test-key-123"));
    }

    @Test
    void collectJournalsTheResultsOfAnEndedJobWithoutSubmittingAnything() throws IOException {
        submitWithoutWaiting();
        json(
                true,
                "/v1beta/batches/b1",
                operation(
                        "BATCH_STATE_SUCCEEDED",
                        "{\"inlinedResponses\":{\"inlinedResponses\":[" + answer("a", "hi") + "," + answer("b", "bye")
                                + "]}}"));

        CliRunner.Result r = cli.run("batch", "collect", "out.jsonl.state");

        assertEquals(0, r.exitCode(), r::toString);
        String out = Files.readString(dir.resolve("out.jsonl"));
        assertTrue(out.contains("\"text\":\"hi\"") && out.contains("\"text\":\"bye\""), out);
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo(CREATE))).size());
        assertTrue(cli.run("batch", "status", "out.jsonl.state").out().contains("collected"));
    }

    @Test
    void cancelAsksTheProviderAndRecordsIt() throws IOException {
        submitWithoutWaiting();
        json(false, "/v1beta/batches/b1:cancel", "{}");

        CliRunner.Result r = cli.run("batch", "cancel", "out.jsonl.state");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(
                1,
                wm.findAll(postRequestedFor(urlEqualTo("/v1beta/batches/b1:cancel")))
                        .size());
        assertTrue(r.out().contains("(cancel requested)"), r::toString);
        assertTrue(Files.readString(dir.resolve("out.jsonl.state/jobs.jsonl")).contains("cancel_requested"));
    }

    @Test
    void aDirectoryThatIsNotAStateDirectoryIsAUsageErrorNamingIt() throws IOException {
        Files.createDirectories(dir.resolve("elsewhere"));
        for (String command : new String[] {"status", "collect", "cancel"}) {
            CliRunner.Result r = cli.run("batch", command, "elsewhere");
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.err().contains("elsewhere"), r::toString);
        }
    }

    @Test
    void collectOnALiveModeStateDirectoryIsAUsageError() throws IOException {
        Files.createDirectories(dir.resolve("live.state"));
        Files.writeString(dir.resolve("live.state/journal.jsonl"), "");

        CliRunner.Result r = cli.run("batch", "collect", "live.state");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("run.json"), r::toString);
        assertEquals(0, cli.run("batch", "status", "live.state").exitCode());
    }
}
