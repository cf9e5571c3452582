package dev.llmring.batch;

import static dev.llmring.batch.BatchFixture.batchLine;
import static dev.llmring.batch.BatchFixture.ids;
import static dev.llmring.batch.BatchFixture.lines;
import static dev.llmring.batch.BatchFixture.record;
import static dev.llmring.batch.BatchFixture.records;
import static dev.llmring.batch.BatchFixture.runner;
import static dev.llmring.batch.BatchFixture.shortLine;
import static dev.llmring.batch.BatchFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.LlmRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live mode against a loopback OpenAI: records, bad lines, duplicates, resume. */
class BatchRunnerTest extends BatchTestBase {
    @Test
    void everyLineOfEitherShapeGetsOneOkRecordWithItsAnswerBindingAndUsage() throws Exception {
        Path in = write(
                dir,
                "in.jsonl",
                List.of(
                        batchLine("a", "openai:gpt-4o-mini", "hello"),
                        shortLine("b", "openai:gpt-4o-mini", "hi"),
                        shortLine("c", "openai:gpt-4o-mini", "hey")));
        try (LlmRing ring = server.ring(null).build()) {
            BatchSummary summary = runner(ring, in, out()).build().run();

            assertEquals(3, summary.ok(), summary.toString());
            assertEquals(0, summary.exitCode());
        }
        assertEquals(List.of("a", "b", "c"), ids(out()).stream().sorted().toList());
        JsonNode a = record(out(), "a");
        assertEquals("ok", a.path("status").asText());
        assertEquals("openai:gpt-4o-mini", a.path("binding").asText());
        assertEquals("fine", a.path("response").path("text").asText());
        assertEquals("stop", a.path("response").path("finish_reason").asText());
        assertEquals(12, a.path("response").path("usage").path("input_tokens").asInt());
        assertEquals(1, a.path("attempts").asInt());
        assertEquals(1, a.path("line").asInt());
        assertEquals(3, server.requests().size());
    }

    @Test
    void aRecordHoldsNeitherThePromptNorTheKey() throws Exception {
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", "openai:gpt-4o-mini", "secret-prompt-text")));
        try (LlmRing ring = server.ring(null).build()) {
            runner(ring, in, out()).build().run();
        }
        String written = Files.readString(out()) + Files.readString(dir.resolve("out.jsonl.state/journal.jsonl"));
        assertFalse(written.contains("secret-prompt-text"), written);
        assertFalse(written.contains("test-key"), written);
    }

    @Test
    void aBadLineBecomesAnErrorRecordWithItsLineNumberAndTheRunGoesOn() throws Exception {
        Path in = write(
                dir,
                "in.jsonl",
                List.of(
                        shortLine("a", "openai:gpt-4o-mini", "hi"),
                        "{not json at all",
                        "{\"custom_id\":\"c\",\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"wizard\","
                                + "\"content\":\"x\"}]}",
                        "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[]}",
                        shortLine("e", "openai:gpt-4o-mini", "hi")));
        BatchSummary summary;
        try (LlmRing ring = server.ring(null).build()) {
            summary = runner(ring, in, out()).build().run();
        }
        assertEquals(2, summary.ok(), summary.toString());
        assertEquals(3, summary.failed(), summary.toString());
        assertEquals(1, summary.exitCode());
        List<JsonNode> errors = records(out()).stream()
                .filter(r -> r.path("status").asText().equals("error"))
                .toList();
        assertEquals(
                List.of(2, 3, 4),
                errors.stream().map(r -> r.path("line").asInt()).sorted().toList());
        JsonNode role = record(out(), "c");
        assertEquals("invalid_line", role.path("error").path("type").asText());
        assertTrue(
                role.path("error").path("message").asText().contains("line 3: unknown role 'wizard'"), role.toString());
        assertEquals(2, server.requests().size());
    }

    @Test
    void duplicateIdsAreReportedWithBothLineNumbersAndNothingIsSent() throws Exception {
        List<String> lines = new ArrayList<>(lines(5));
        lines.add(shortLine("id-2", "openai:gpt-4o-mini", "again"));
        Path in = write(dir, "in.jsonl", lines);
        try (LlmRing ring = server.ring(null).build()) {
            BatchInputException e = assertThrows(
                    BatchInputException.class,
                    () -> runner(ring, in, out()).build().run());

            assertEquals(List.of("custom_id 'id-2' on lines 2 and 6"), e.problems());
        }
        assertEquals(0, server.requests().size());
    }

    @Test
    void aRerunSendsNothingForLinesAlreadyDoneAndKeepsOneRecordEach() throws Exception {
        Path in = write(dir, "in.jsonl", lines(20));
        try (LlmRing ring = server.ring(null).build()) {
            runner(ring, in, out()).build().run();
            BatchSummary again = runner(ring, in, out()).build().run();

            assertEquals(20, again.alreadyDone(), again.toString());
            assertEquals(0, again.ok());
        }
        assertEquals(20, server.requests().size());
        List<String> ids = ids(out());
        assertEquals(20, ids.size());
        assertEquals(20, new HashSet<>(ids).size());
    }

    @Test
    void failedLinesAreSentAgainOnlyWithRetryFailed() throws Exception {
        server.when("prompt number 3", FakeOpenAi.error(500, "server_error", "The server had an error"));
        Path in = write(dir, "in.jsonl", lines(5));
        try (LlmRing ring = server.ring(null).build()) {
            runner(ring, in, out()).build().run();
            runner(ring, in, out()).build().run();
            assertEquals(1, server.requestsWith("prompt number 3"));

            BatchSummary retried =
                    runner(ring, in, out()).retryFailed(true).build().run();

            assertEquals(1, retried.failed(), retried.toString());
        }
        assertEquals(2, server.requestsWith("prompt number 3"));
        assertEquals(5, ids(out()).size());
        assertEquals(
                "provider_unavailable",
                record(out(), "id-3").path("error").path("type").asText());
    }

    @Test
    void aLineWhoseRequestChangedSinceItWasDoneIsRefusedUnlessForced() throws Exception {
        Path in = write(dir, "in.jsonl", lines(3));
        try (LlmRing ring = server.ring(null).build()) {
            runner(ring, in, out()).build().run();
            List<String> changed = new ArrayList<>(lines(3));
            changed.set(1, shortLine("id-2", "openai:gpt-4o-mini", "a different prompt"));
            write(dir, "in.jsonl", changed);

            BatchInputException e = assertThrows(
                    BatchInputException.class,
                    () -> runner(ring, in, out()).build().run());
            assertEquals(1, e.problems().size(), e.problems().toString());
            assertTrue(
                    e.problems().get(0).contains("'id-2' on line 2"),
                    e.problems().toString());
            assertEquals(3, server.requests().size());

            BatchSummary forced = runner(ring, in, out()).force(true).build().run();
            assertEquals(1, forced.ok(), forced.toString());
        }
        assertEquals(1, server.requestsWith("a different prompt"));
        assertEquals(3, ids(out()).size());
    }

    @Test
    void orderedOutputKeepsInputOrderWhateverTheCompletionOrder() throws Exception {
        server.when("prompt number 1\"", FakeOpenAi.ok("slow").withFixedDelay(300));
        Path in = write(dir, "in.jsonl", lines(30));
        try (LlmRing ring = server.ring(null).build()) {
            runner(ring, in, out()).concurrency(8).ordered(true, 16).build().run();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 30; i++) expected.add("id-" + i);
        assertEquals(expected, ids(out()));
    }

    @Test
    void failFastStopsTakingLinesAfterTheFirstFailure() throws Exception {
        server.when("prompt number 2\"", FakeOpenAi.error(400, "invalid_request_error", "bad"));
        Path in = write(dir, "in.jsonl", lines(200));
        BatchSummary summary;
        try (LlmRing ring = server.ring(null).build()) {
            summary = runner(ring, in, out())
                    .concurrency(1)
                    .failFast(true)
                    .build()
                    .run();
        }
        assertEquals(BatchSummary.Stop.FAIL_FAST, summary.stop());
        assertEquals(1, summary.exitCode());
        assertTrue(server.requests().size() < 200, "sent " + server.requests().size());
    }

    @Test
    void theProgressCallbackHearsTheEnd() throws Exception {
        Path in = write(dir, "in.jsonl", lines(4));
        List<BatchProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LlmRing ring = server.ring(null).build()) {
            runner(ring, in, out())
                    .progress(seen::add, java.time.Duration.ofMillis(10))
                    .build()
                    .run();
        }
        BatchProgress last = seen.get(seen.size() - 1);
        assertTrue(last.finished());
        assertEquals(4, last.total());
        assertEquals(4, last.done());
    }
}
