package dev.llmring.batch;

import static dev.llmring.batch.BatchFixture.ids;
import static dev.llmring.batch.BatchFixture.lines;
import static dev.llmring.batch.BatchFixture.record;
import static dev.llmring.batch.BatchFixture.runner;
import static dev.llmring.batch.BatchFixture.shortLine;
import static dev.llmring.batch.BatchFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmring.LlmRing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Crashes, stops and rate limits: the journal keeps the output whole and nothing is paid twice. */
class BatchResilienceTest extends BatchTestBase {
    private Path journal() {
        return dir.resolve("out.jsonl.state/journal.jsonl");
    }

    @Test
    void aTornJournalTailAndATornOutputLineArePutRightByTheNextRun() throws Exception {
        Path in = write(dir, "in.jsonl", lines(6));
        try (LlmRing ring = server.ring(null).build()) {
            write(dir, "in.jsonl", lines(6).subList(0, 5));
            runner(ring, in, out()).build().run();
            // a crash within the writes of line 6: half an entry in the journal, half a record in the output,
            // and a record the output had before its journal entry was cut
            Files.writeString(journal(), "{\"k\":\"id-6\",\"n\":6,\"h\":\"ab", StandardOpenOption.APPEND);
            Files.writeString(
                    out(),
                    Files.readAllLines(out()).get(0) + "\n{\"custom_id\":\"id-6\",\"li",
                    StandardOpenOption.APPEND);
            write(dir, "in.jsonl", lines(6));

            BatchSummary resumed = runner(ring, in, out()).build().run();

            assertEquals(1, resumed.ok(), resumed.toString());
            assertEquals(5, resumed.alreadyDone(), resumed.toString());
        }
        List<String> ids = ids(out());
        assertEquals(6, ids.size(), ids.toString());
        assertEquals(6, new HashSet<>(ids).size(), ids.toString());
        assertEquals(6, server.requests().size());
        assertTrue(Files.readString(journal(), StandardCharsets.UTF_8).endsWith("\n"));
    }

    @Test
    void aStopLetsRequestsInFlightFinishAndTheResumeSendsOnlyWhatIsLeft() throws Exception {
        server.answers();
        server.wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FakeOpenAi.PATH))
                .willReturn(FakeOpenAi.ok("slow").withFixedDelay(200)));
        Path in = write(dir, "in.jsonl", lines(60));
        try (LlmRing ring = server.ring(null).build()) {
            BatchRunner runner = runner(ring, in, out()).concurrency(4).build();
            CompletableFuture<BatchSummary> running = CompletableFuture.supplyAsync(runner::run);
            while (server.requests().size() < 6) Thread.onSpinWait();
            runner.stop();
            BatchSummary stopped = running.join();

            assertEquals(BatchSummary.Stop.SIGNAL, stopped.stop());
            assertEquals(3, stopped.exitCode());
            assertTrue(stopped.ok() < 60, stopped.toString());
            assertEquals(stopped.ok(), ids(out()).size(), "every request in flight finished and was recorded");

            BatchSummary resumed =
                    runner(ring, in, out()).concurrency(4).build().run();
            assertEquals(60 - stopped.ok(), resumed.ok(), resumed.toString());
        }
        List<String> ids = ids(out());
        assertEquals(60, ids.size());
        assertEquals(60, new HashSet<>(ids).size());
        assertTrue(
                server.requests().size() <= 60 + 4, "sent " + server.requests().size());
    }

    @Test
    void aRateLimitedBindingGetsNoNewRequestUntilItsRetryAfterWhileOtherBindingsGoOn() throws Exception {
        server.when(
                "gpt-4o-mini",
                FakeOpenAi.error(429, "rate_limit_exceeded", "Rate limit reached")
                        .withHeader("retry-after", "1"));
        server.wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/other/v1/chat/completions"))
                .willReturn(FakeOpenAi.ok("other").withFixedDelay(100)));
        List<String> lines = new ArrayList<>();
        lines.add(shortLine("limited", "openai:gpt-4o-mini", "hi"));
        for (int i = 1; i <= 20; i++) lines.add(shortLine("o-" + i, "other:m", "hi " + i));
        Path in = write(dir, "in.jsonl", lines);
        try (LlmRing ring = server.ring(null)
                .compatibleProvider("other", "openai", URI.create("http://127.0.0.1:" + server.wm.port() + "/other/v1"))
                .apiKey("other", "test-key")
                .build()) {
            runner(ring, in, out())
                    .concurrency(2)
                    .rateLimit(java.time.Duration.ofSeconds(5), 1)
                    .build()
                    .run();
        }
        List<LoggedRequest> limited = server.wm.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals(FakeOpenAi.PATH))
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
        assertEquals(2, limited.size(), "the line was queued again once, then recorded");
        long waitedMs = limited.get(1).getLoggedDate().getTime()
                - limited.get(0).getLoggedDate().getTime();
        assertTrue(waitedMs >= 1000, "the binding got a new request " + waitedMs + " ms after its 429 (Retry-After 1)");
        long otherBefore = server.wm.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith("/other/"))
                .filter(r -> r.getLoggedDate().before(limited.get(1).getLoggedDate()))
                .count();
        assertTrue(otherBefore >= 5, "lines for other bindings went on meanwhile: " + otherBefore);
        assertEquals(
                "rate_limit",
                record(out(), "limited").path("error").path("type").asText());
        for (int i = 1; i <= 20; i++)
            assertEquals("ok", record(out(), "o-" + i).path("status").asText());
    }

    @Test
    void anOrderedRunStoppedAndResumedEndsWithTheWholeOutputInInputOrder() throws Exception {
        server.wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FakeOpenAi.PATH))
                .willReturn(FakeOpenAi.ok("slow").withUniformRandomDelay(20, 120)));
        Path in = write(dir, "in.jsonl", lines(40));
        try (LlmRing ring = server.ring(null).build()) {
            BatchRunner runner =
                    runner(ring, in, out()).concurrency(4).ordered(true).build();
            CompletableFuture<BatchSummary> running = CompletableFuture.supplyAsync(runner::run);
            while (server.requests().size() < 10) Thread.onSpinWait();
            runner.stop();
            assertEquals(BatchSummary.Stop.SIGNAL, running.join().stop());

            runner(ring, in, out()).concurrency(4).ordered(true).build().run();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 40; i++) expected.add("id-" + i);
        assertEquals(expected, ids(out()));
    }

    @Test
    void anAbortedRunLeavesAJournalEveryEntryOfWhichIsWhole() throws Exception {
        server.wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FakeOpenAi.PATH))
                .willReturn(FakeOpenAi.ok("slow").withFixedDelay(50)));
        Path in = write(dir, "in.jsonl", lines(50));
        try (LlmRing ring = server.ring(null).build()) {
            BatchRunner runner = runner(ring, in, out()).concurrency(4).build();
            CompletableFuture<BatchSummary> running = CompletableFuture.supplyAsync(runner::run);
            while (server.requests().size() < 10) Thread.onSpinWait();
            runner.abort();
            running.join();
            List<String> entries = Files.readAllLines(journal());
            for (String entry : entries) BatchFixture.JSON.readTree(entry); // each parses

            BatchSummary resumed =
                    runner(ring, in, out()).concurrency(4).build().run();

            assertEquals(50, resumed.ok() + resumed.alreadyDone(), resumed.toString());
            assertEquals(entries.size(), resumed.alreadyDone(), resumed.toString());
        }
        List<String> ids = ids(out());
        assertEquals(50, ids.size());
        assertEquals(50, new HashSet<>(ids).size());
    }
}
