package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.cli.JarProcess.JAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch run} as a real process of the shaded jar (failsafe, after {@code package}), killed mid-run: with
 * SIGKILL ({@link Process#destroyForcibly()}), then resumed; with SIGTERM ({@link Process#destroy()}), which stops it
 * gracefully with status 3. Every id ends up in the output exactly once, and nothing finished is paid for twice.
 */
class BatchProcessTest {
    private static final int LINES = 400;
    private static final int CONCURRENCY = 8;

    @TempDir
    Path dir;

    WireMockServer server;

    @BeforeEach
    void start() throws IOException {
        server = JarProcess.fakeOpenAi(40, "gpt-4o-mini-2024-07-18", 40);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= LINES; i++) {
            lines.add("{\"custom_id\":\"req-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Question " + i + "\"}],\"max_tokens\":10}}");
        }
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", lines) + "\n");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Process batch() throws IOException {
        return JarProcess.in(
                        dir,
                        "",
                        JarProcess.jar(
                                "batch",
                                "run",
                                "in.jsonl",
                                "--out",
                                "out.jsonl",
                                "--concurrency",
                                Integer.toString(CONCURRENCY)),
                        Map.of(
                                "OPENAI_API_KEY",
                                "test-key",
                                "OPENAI_BASE_URL",
                                "http://127.0.0.1:" + server.port() + "/v1"))
                .start();
    }

    private int sent() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .size();
    }

    private void awaitSent(int n, Process p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sent() < n) {
            assertTrue(p.isAlive(), "the batch ended before " + n + " requests");
            assertTrue(System.nanoTime() < end, "fewer than " + n + " requests within a minute");
            Thread.sleep(5);
        }
    }

    private static int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the batch did not finish");
        return p.exitValue();
    }

    private String err() throws IOException {
        return Files.readString(dir.resolve(".err"), StandardCharsets.UTF_8);
    }

    /** Every output line parses, and the ids are exactly req-1 .. req-LINES, once each. */
    private void assertEveryIdExactlyOnce() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            assertEquals("ok", record.path("status").asText(), line);
            assertTrue(ids.add(record.path("custom_id").asText()), "duplicate " + line);
        }
        assertEquals(LINES, lines.size());
        for (int i = 1; i <= LINES; i++) assertTrue(ids.contains("req-" + i), "missing req-" + i);
    }

    @Test
    void killedWithSigkillMidRunAndResumedEveryIdIsWrittenOnceAndAtMostTheInFlightAreSentTwice() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        Process first = batch();
        awaitSent(LINES / 4, first);
        first.destroyForcibly();
        finish(first);
        assertTrue(sent() < LINES, "killed before the end");

        int status = finish(batch());

        assertEquals(0, status, this::errQuietly);
        assertEveryIdExactlyOnce();
        assertTrue(sent() <= LINES + CONCURRENCY, "server saw " + sent() + " requests for " + LINES + " lines");
    }

    @Test
    void sigtermStopsGracefullyWithStatusThreeAndTheResumePaysForNothingTwice() throws Exception {
        Process first = batch();
        awaitSent(LINES / 4, first);
        first.destroy();

        assertEquals(3, finish(first), this::errQuietly);
        assertTrue(err().contains("finishing the requests in flight"), this::errQuietly);
        assertTrue(err().contains("stopped by a signal"), this::errQuietly);
        int status = finish(batch());

        assertEquals(0, status, this::errQuietly);
        assertEveryIdExactlyOnce();
        assertEquals(LINES, sent(), "every request in flight at the signal was finished and recorded");
    }

    private String errQuietly() {
        try {
            return err();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
