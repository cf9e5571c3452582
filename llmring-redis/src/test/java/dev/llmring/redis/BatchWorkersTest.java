package dev.llmring.redis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.llmring.LlmRing;
import dev.llmring.RetryPolicy;
import dev.llmring.batch.BatchRunner;
import dev.llmring.batch.Journal;
import dev.llmring.batch.LineSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two batch workers on one job in a real Redis, each sending to its own loopback OpenAI (so each one's requests can be
 * told apart); a line takes 150 ms to answer, and the visibility timeout is 500 ms.
 */
class BatchWorkersTest extends RedisTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 40;
    private static final int CONCURRENCY = 4;
    private static final Duration VISIBILITY = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final WireMockServer serverA = server();
    private final WireMockServer serverB = server();

    @AfterEach
    void stop() {
        serverA.stop();
        serverB.stop();
    }

    @Test
    void aKilledWorkersLinesAreTakenOverAndEveryIdIsRecordedOnceAcrossTheOutputs() throws Exception {
        String job = "killed";
        try (RedisBatchJob setup = job(job)) {
            assertEquals(LINES, setup.enqueue(input()));
        }
        RedisBatchJob jobA = job(job);
        RedisBatchJob jobB = job(job);
        try (LlmRing ringA = ring(serverA);
                LlmRing ringB = ring(serverB);
                RedisClient client = RedisClient.create(redis.uri().toString());
                StatefulRedisConnection<String, String> conn = client.connect()) {
            BatchRunner a = worker(ringA, jobA, "a").gracePeriod(Duration.ZERO).build();
            BatchRunner b = worker(ringB, jobB, "b").build();
            CompletableFuture<?> runA = CompletableFuture.runAsync(a::run);
            CompletableFuture<?> runB = CompletableFuture.runAsync(b::run);
            while (conn.sync().hlen(jobA.done) < LINES / 4) Thread.sleep(10);
            a.abort(); // nothing more is recorded or acknowledged by A: its lines in flight stay pending
            runA.get();
            jobA.close();
            runB.get();
            jobB.close();

            List<String> ids = new ArrayList<>(ids(dir.resolve("a.jsonl")));
            ids.addAll(ids(dir.resolve("b.jsonl")));
            assertEquals(LINES, ids.size(), "one record per line across both outputs");
            assertEquals(LINES, new HashSet<>(ids).size(), "no id recorded twice");
            assertEquals(LINES, conn.sync().hlen(jobA.done));

            Set<String> sentByA = sent(serverA);
            sentByA.removeAll(ids(dir.resolve("a.jsonl")));
            assertFalse(sentByA.isEmpty(), "A was killed with lines in flight");
            assertTrue(ids(dir.resolve("b.jsonl")).containsAll(sentByA), "B took over A's lines in flight");
            int requests = requests(serverA) + requests(serverB);
            assertTrue(requests <= LINES + CONCURRENCY + 1, "requests " + requests);
        }
    }

    @Test
    void aLineAnsweredByTwoWorkersIsRecordedByTheFirstOnly() throws Exception {
        String job = "twice";
        try (RedisBatchJob setup = job(job)) {
            Files.writeString(dir.resolve("one.jsonl"), line("only") + "\n");
            setup.enqueue(dir.resolve("one.jsonl"));
        }
        try (RedisBatchJob jobA = job(job);
                RedisBatchJob jobB = job(job);
                LlmRing ringB = ring(serverB)) {
            LineSource linesA = jobA.source();
            Journal journalA = jobA.journal(linesA, Journal.inDirectory(dir.resolve("a.state"), Duration.ZERO));
            try (LineSource.Lines pass = linesA.open()) {
                assertEquals(line("only"), pass.next()); // A takes the line, then goes silent (a pause, a partition)
                ((StreamLines) linesA).stop();
                Thread.sleep(VISIBILITY.toMillis() + 100);
                worker(ringB, jobB, "b").build().run(); // B takes it over and records it

                long position = journalA.append(
                        new Journal.Entry("only", 1, "", "ok", BigDecimal.ZERO, "{\"custom_id\":\"only\"}"));

                assertEquals(-1, position);
            }
            List<Long> localEntries = new ArrayList<>();
            journalA.replay((p, e) -> localEntries.add(p));
            journalA.close();
            assertEquals(List.of(), localEntries);
            assertEquals(List.of("only"), ids(dir.resolve("b.jsonl")));
        }
    }

    private BatchRunner.Builder worker(LlmRing ring, RedisBatchJob job, String name) {
        LineSource lines = job.source();
        return BatchRunner.builder(ring)
                .input(lines)
                .journal(job.journal(lines, Journal.inDirectory(dir.resolve(name + ".state"), Duration.ZERO)))
                .output(dir.resolve(name + ".jsonl"))
                .concurrency(CONCURRENCY);
    }

    private RedisBatchJob job(String name) {
        return RedisBatchJob.builder(redis.uri(), name)
                .visibilityTimeout(VISIBILITY)
                .build();
    }

    private Path input() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= LINES; i++) text.append(line("id-" + i)).append('\n');
        return Files.writeString(dir.resolve("in.jsonl"), text);
    }

    private static String line(String id) {
        return "{\"custom_id\":\"" + id + "\",\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"say " + id + "\"}],\"max_tokens\":20}";
    }

    private static List<String> ids(Path output) {
        try {
            List<String> ids = new ArrayList<>();
            for (String l : Files.readAllLines(output))
                ids.add(JSON.readTree(l).path("custom_id").asText());
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> sent(WireMockServer server) throws IOException {
        Set<String> ids = new HashSet<>();
        for (var r : server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))) {
            String content = JSON.readTree(r.getBodyAsString())
                    .path("messages")
                    .path(0)
                    .path("content")
                    .asText();
            ids.add(content.substring("say ".length()));
        }
        return ids;
    }

    private static int requests(WireMockServer server) {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .size();
    }

    private static LlmRing ring(WireMockServer server) {
        return LlmRing.builder()
                .environment(Map.of("OPENAI_API_KEY", "test-key")::get)
                .baseUrl("openai", java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1"))
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .noRegistry()
                .build();
    }

    private static WireMockServer server() {
        WireMockServer wm = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(20));
        wm.start();
        wm.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(150)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
                                + "\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
                                + "\"message\":{\"role\":\"assistant\",\"content\":\"fine\",\"refusal\":null,"
                                + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{"
                                + "\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15},"
                                + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}")));
        return wm;
    }
}
