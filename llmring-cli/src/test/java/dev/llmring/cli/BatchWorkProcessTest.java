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
 * {@code batch enqueue}, then two {@code batch work} processes of the shaded jar at once (failsafe, after
 * {@code package}) on one job in a real Redis, against a loopback OpenAI that takes 1 s to answer. The lockfile allows
 * a burst of 10 requests (refilled at one a minute) and no waiting: the two processes together send 10 or 11.
 */
class BatchWorkProcessTest {
    private static final int LINES = 30;

    @TempDir
    Path dir;

    WireMockServer server;
    RedisProcess redis;

    @BeforeEach
    void start() throws Exception {
        redis = new RedisProcess();
        server = JarProcess.fakeOpenAi(20, "gpt-5-nano", 1000);
        Files.writeString(
                dir.resolve("llmring.lock"),
                """
                [profiles.default]
                registry_versions = { openai = 2 }
                [[profiles.default.bindings]]
                alias = "fast"
                models = ["openai:gpt-5-nano"]
                [profiles.default.bindings.constraints]
                requests_per_minute = 1
                requests_burst = 10
                max_wait_ms = 0
                """);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= LINES; i++) {
            lines.add("{\"custom_id\":\"req-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Question " + i
                    + "\"}],\"max_tokens\":10}}");
        }
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", lines) + "\n");
    }

    @AfterEach
    void stop() throws IOException {
        server.stop();
        redis.close();
    }

    private Process llmring(String name, String... args) throws IOException {
        return JarProcess.in(
                        dir,
                        name,
                        JarProcess.jar(args),
                        Map.of(
                                "OPENAI_API_KEY",
                                "test-key",
                                "OPENAI_BASE_URL",
                                "http://127.0.0.1:" + server.port() + "/v1"))
                .start();
    }

    private Process work(String name) throws IOException {
        return llmring(
                name,
                "batch",
                "work",
                "--redis",
                redis.url(),
                "--job",
                "proc",
                "--out",
                name + ".jsonl",
                "--concurrency",
                "2",
                "--visibility",
                "5",
                "--instances",
                "2");
    }

    private String stderr(String name) {
        try {
            return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the command did not finish");
        return p.exitValue();
    }

    @Test
    void twoWorkerProcessesShareTheLockfileRequestLimitAndAnswerEveryIdOnce() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        assertEquals(
                0,
                finish(llmring("enqueue", "batch", "enqueue", "in.jsonl", "--redis", redis.url(), "--job", "proc")),
                () -> stderr("enqueue"));

        Process a = work("a");
        Process b = work("b");
        int statusA = finish(a);
        int statusB = finish(b);

        assertTrue(statusA <= 1 && statusB <= 1, "exit " + statusA + "/" + statusB + "\n" + stderr("a") + stderr("b"));
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        int ok = 0;
        for (String name : List.of("a", "b")) {
            for (String line : Files.readAllLines(dir.resolve(name + ".jsonl"))) {
                JsonNode record = json.readTree(line);
                assertTrue(ids.add(record.path("custom_id").asText()), "answered twice: " + line);
                if (record.path("status").asText().equals("ok")) ok++;
                else assertTrue(line.contains("requests_per_minute"), "failed for another reason: " + line);
            }
        }
        assertEquals(LINES, ids.size(), "ids answered: " + ids);
        int sent = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .size();
        assertEquals(ok, sent, "every request the provider saw was answered");
        // one burst of 10 for both, plus the one request refilled in a minute; a worker whose Redis command took
        // longer than the timeout (500 ms; a cold JVM on a loaded machine) falls back to its share, 10 / 2, and says so
        int fallbacks = 0;
        for (String name : List.of("a", "b")) if (stderr(name).contains("is unreachable")) fallbacks++;
        int most = 10 + 1 + 5 * fallbacks;
        assertTrue(
                sent >= 10 && sent <= most,
                "the provider saw " + sent + " requests from the two processes (at most " + most + ")\n" + stderr("a")
                        + stderr("b"));
    }
}
