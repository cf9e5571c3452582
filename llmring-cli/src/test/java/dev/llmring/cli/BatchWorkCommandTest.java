package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code batch enqueue}, then two {@code batch work} runs on one job in a real Redis, in process, against a loopback
 * OpenAI: worker A stops early on its own {@code --max-cost} (its skipped lines stay pending), worker B takes over
 * the rest. The lockfile's limit and budget are held in Redis: what A used is gone for B.
 */
class BatchWorkCommandTest extends CliTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 30;

    OpenAiStub openai;
    RedisProcess redis;

    @BeforeEach
    void setUp() throws Exception {
        redis = new RedisProcess();
        openai = new OpenAiStub();
        cli.clock = Clock.systemUTC(); // budgets expire in Redis at the end of their (real) day
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("OPENAI_BASE_URL", openai.baseUrl());
    }

    @AfterEach
    void tearDown() throws IOException {
        openai.close();
        redis.close();
    }

    private void lockfile(String constraints) {
        givenLockfile(
                """
                [profiles.default]
                registry_versions = { openai = 2 }
                [[profiles.default.bindings]]
                alias = "fast"
                models = ["openai:gpt-5-nano"]
                [profiles.default.bindings.constraints]
                """
                        + constraints);
    }

    private void enqueue(String job, int maxTokens) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add("{\"custom_id\":\"l" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                    + "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"max_tokens\":"
                    + maxTokens + "}}");
        }
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", lines) + "\n");
        CliRunner.Result r = cli.run("batch", "enqueue", "in.jsonl", "--redis", redis.url(), "--job", job);
        assertEquals(0, r.exitCode(), r::toString);
    }

    private CliRunner.Result work(String job, String out, String... more) {
        List<String> args = new ArrayList<>(
                List.of("batch", "work", "--redis", redis.url(), "--job", job, "--out", out, "--visibility", "1"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    /** The ok and error records of one output (a worker's skipped lines are another worker's to answer). */
    private List<JsonNode> records(String out) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(out))) {
            JsonNode n = JSON.readTree(line);
            if (!n.path("status").asText().equals("skipped")) records.add(n);
        }
        return records;
    }

    /** Every custom_id answered exactly once across the two outputs; the records by id. */
    private Map<String, JsonNode> answeredOnce(List<JsonNode> a, List<JsonNode> b) {
        Map<String, JsonNode> byId = new HashMap<>();
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        for (JsonNode n : all) {
            JsonNode before = byId.put(n.path("custom_id").asText(), n);
            assertTrue(before == null, "answered twice: " + n.path("custom_id").asText());
        }
        assertEquals(LINES, byId.size(), "ids answered: " + byId.keySet());
        return byId;
    }

    private static long ok(List<JsonNode> records) {
        return records.stream()
                .filter(n -> n.path("status").asText().equals("ok"))
                .count();
    }

    @Test
    void theRequestLimitInTheLockfileIsSharedByBothWorkers() throws IOException {
        // a burst of 10 requests, refilled at 1 a minute; a call that would have to wait fails at once
        lockfile("requests_per_minute = 1\nrequests_burst = 10\nmax_wait_ms = 0\n");
        openai.answers("gpt-5-nano", "fine", 12, 20); // about $0.0000086 a line, all of its output limit
        enqueue("rate", 20);

        CliRunner.Result a = work("rate", "a.jsonl", "--concurrency", "1", "--max-cost", "0.00004");
        CliRunner.Result b = work("rate", "b.jsonl", "--concurrency", "2");

        assertEquals(3, a.exitCode(), a::toString); // stopped by its own --max-cost
        assertEquals(1, b.exitCode(), b::toString); // some lines failed: the shared limit was spent
        List<JsonNode> ra = records("a.jsonl");
        List<JsonNode> rb = records("b.jsonl");
        Map<String, JsonNode> byId = answeredOnce(ra, rb);
        long okA = ok(ra);
        long okB = ok(rb);
        assertTrue(okA >= 2 && okB >= 1, "A answered " + okA + ", B " + okB + "\n" + a + "\n" + b);
        int sent = openai.requests().size();
        assertEquals(okA + okB, sent, "every request the provider saw was answered");
        // one burst of 10 for both (plus at most the one request refilled in the test's minute); alone, B would
        // have sent 10 more after A's
        assertTrue(sent >= 10 && sent <= 11, "the provider saw " + sent + " requests");
        assertTrue(
                byId.values().stream()
                        .filter(n -> n.path("status").asText().equals("error"))
                        .allMatch(n -> n.path("error").path("message").asText().contains("requests_per_minute")),
                () -> "every failure names the limit: " + rb);
    }

    @Test
    void theBudgetInTheLockfileIsSharedByBothWorkers() throws IOException {
        BigDecimal budget = new BigDecimal("0.004");
        lockfile("budget_usd_per_day = " + budget.toPlainString() + "\n");
        // each answer uses its whole output limit: about $0.0004 a line, about what is reserved for it
        openai.answers("gpt-5-nano", "fine", 12, 1000);
        enqueue("budget", 1000);

        CliRunner.Result a = work("budget", "a.jsonl", "--concurrency", "1", "--max-cost", "0.0017");
        CliRunner.Result b = work("budget", "b.jsonl", "--concurrency", "2");

        assertEquals(3, a.exitCode(), a::toString);
        assertEquals(1, b.exitCode(), b::toString);
        List<JsonNode> ra = records("a.jsonl");
        List<JsonNode> rb = records("b.jsonl");
        answeredOnce(ra, rb);
        assertTrue(ok(ra) >= 2 && ok(rb) >= 1, "A answered " + ok(ra) + ", B " + ok(rb) + "\n" + a + "\n" + b);
        BigDecimal spent = BigDecimal.ZERO;
        List<JsonNode> all = new ArrayList<>(ra);
        all.addAll(rb);
        for (JsonNode n : all) {
            if (n.path("status").asText().equals("ok"))
                spent = spent.add(new BigDecimal(n.at("/cost/usd").asText()));
        }
        BigDecimal line = new BigDecimal("0.0004006"); // 12 × $0.05/M + 1000 × $0.40/M
        // reserved before sending at the worst case, so never over, even with requests in flight; and used up
        assertTrue(spent.compareTo(budget) <= 0, "spent $" + spent + " of $" + budget);
        assertTrue(spent.compareTo(budget.subtract(line)) > 0, "the budget was used: $" + spent);
        assertEquals(openai.requests().size(), ok(ra) + ok(rb));
        try (RedisClient client = RedisClient.create(redis.url());
                StatefulRedisConnection<String, String> c = client.connect()) {
            String booked = c.sync().get("llmring:spend:alias/fast/day/" + LocalDate.now(ZoneOffset.UTC));
            assertEquals(0, new BigDecimal(booked).movePointLeft(9).compareTo(spent), "the shared ledger: " + booked);
        }
    }
}
