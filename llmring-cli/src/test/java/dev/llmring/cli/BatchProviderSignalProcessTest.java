package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.cli.JarProcess.JAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch run --mode provider} as a real process of the shaded jar, against a loopback Gemini Batch API whose job
 * never ends: SIGTERM while it waits between polls stops it with status 3 (it would otherwise poll forever), the job
 * stays journaled, and the rerun re-attaches to it instead of submitting again.
 */
class BatchProviderSignalProcessTest {
    private static final String CREATE = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";

    @TempDir
    Path dir;

    WireMockServer server;

    @BeforeEach
    void start() throws IOException {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        json(false, CREATE, operation("BATCH_STATE_PENDING", null));
        json(true, "/v1beta/batches/b1", operation("BATCH_STATE_RUNNING", null));
        Files.writeString(
                dir.resolve("in.jsonl"),
                "{\"custom_id\":\"a\",\"model\":\"google:gemini-2.5-flash\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Say hi\"}],\"max_tokens\":20}\n");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void json(boolean isGet, String path, String body) {
        server.stubFor((isGet ? get(urlEqualTo(path)) : post(urlEqualTo(path)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private static String operation(String state, String output) {
        return "{\"name\":\"batches/b1\",\"metadata\":{\"@type\":\"type.googleapis.com/google.ai.generativelanguage"
                + ".v1main.GenerateContentBatch\",\"model\":\"models/gemini-2.5-flash\",\"state\":\"" + state + "\""
                + (output == null ? "" : ",\"output\":" + output) + "}}";
    }

    private Process batch() throws IOException {
        return JarProcess.in(
                        dir,
                        "",
                        JarProcess.jar("batch", "run", "in.jsonl", "--out", "out.jsonl", "--mode", "provider"),
                        Map.of(
                                "GEMINI_API_KEY",
                                "test-key",
                                "GEMINI_BASE_URL",
                                "http://127.0.0.1:" + server.port() + "/v1beta"))
                .start();
    }

    private int polls() {
        return server.findAll(getRequestedFor(urlEqualTo("/v1beta/batches/b1"))).size();
    }

    private String err() {
        try {
            return Files.readString(dir.resolve(".err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void sigtermWhilePollingStopsWithStatusThreeAndTheRerunReattaches() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        Process first = batch();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (polls() < 1) {
            assertTrue(first.isAlive(), this::err);
            assertTrue(System.nanoTime() < end, "no poll within a minute");
            Thread.sleep(5);
        }
        first.destroy(); // SIGTERM, during the 10 s wait before the next poll

        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the signal did not stop the polling");
        assertEquals(3, first.exitValue(), this::err);
        assertTrue(err().contains("stopped by a signal"), this::err);
        String jobs = Files.readString(dir.resolve("out.jsonl.state/jobs.jsonl"));
        assertTrue(jobs.contains("batches/b1") && !jobs.contains("collected"), jobs);

        json(
                true,
                "/v1beta/batches/b1",
                operation(
                        "BATCH_STATE_SUCCEEDED",
                        "{\"inlinedResponses\":{\"inlinedResponses\":[{\"response\":{\"candidates\":[{\"content\":"
                                + "{\"parts\":[{\"text\":\"hi\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
                                + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":1}},"
                                + "\"metadata\":{\"key\":\"a\"}}]}}"));
        Process second = batch();
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the rerun did not finish");
        assertEquals(0, second.exitValue(), this::err);
        assertEquals(1, server.findAll(postRequestedFor(urlEqualTo(CREATE))).size(), "re-attached, not resubmitted");
        String out = Files.readString(dir.resolve("out.jsonl"));
        assertTrue(out.contains("\"text\":\"hi\""), out);
        assertFalse(out.contains("test-key") || err().contains("test-key"));
    }
}
