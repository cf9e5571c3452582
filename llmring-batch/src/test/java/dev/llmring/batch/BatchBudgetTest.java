package dev.llmring.batch;

import static dev.llmring.batch.BatchFixture.lines;
import static dev.llmring.batch.BatchFixture.record;
import static dev.llmring.batch.BatchFixture.records;
import static dev.llmring.batch.BatchFixture.runner;
import static dev.llmring.batch.BatchFixture.shortLine;
import static dev.llmring.batch.BatchFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.LlmRing;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cost limit: each request's worst case (estimated input + max_tokens at gpt-4o-mini's $0.15 / $0.60 per
 * million) is reserved before it is sent and settled with the real cost (12 + 3 tokens: $0.0000036) after.
 */
class BatchBudgetTest extends BatchTestBase {
    @Test
    void whenTheNextWorstCaseDoesNotFitSendingStopsAndTheRestAreSkippedForBudget() throws Exception {
        Path in = write(dir, "in.jsonl", lines(50));
        BigDecimal limit = new BigDecimal("0.0001");
        BatchSummary summary;
        try (LlmRing ring = server.ring(FakeOpenAi.registry(dir)).build()) {
            summary = runner(ring, in, out())
                    .concurrency(4)
                    .maxCost(limit)
                    .build()
                    .run();
        }
        assertEquals(BatchSummary.Stop.BUDGET, summary.stop(), summary.toString());
        assertEquals(3, summary.exitCode());
        assertTrue(summary.ok() > 0 && summary.skipped() > 0, summary.toString());
        assertEquals(50, summary.ok() + summary.skipped(), summary.toString());
        assertEquals(summary.ok(), server.requests().size());
        assertTrue(summary.cost().compareTo(limit) <= 0, summary.toString());
        List<JsonNode> skipped = records(out()).stream()
                .filter(r -> r.path("status").asText().equals("skipped"))
                .toList();
        assertEquals(summary.skipped(), skipped.size());
        assertTrue(skipped.stream().allMatch(r -> r.path("reason").asText().equals("budget")), skipped.toString());
    }

    @Test
    void theRealCostIsRecordedPerLineAndAddedUp() throws Exception {
        Path in = write(dir, "in.jsonl", lines(3));
        BatchSummary summary;
        try (LlmRing ring = server.ring(FakeOpenAi.registry(dir)).build()) {
            summary =
                    runner(ring, in, out()).maxCost(new BigDecimal("1")).build().run();
        }
        assertEquals(0, new BigDecimal("0.0000108").compareTo(summary.cost()), summary.toString());
        JsonNode cost = record(out(), "id-1").path("cost");
        assertEquals("priced", cost.path("status").asText());
        assertEquals(0, new BigDecimal("0.0000036").compareTo(cost.path("usd").decimalValue()), cost.toString());
    }

    @Test
    void whatEarlierRunsPaidCountsAgainstTheLimit() throws Exception {
        Path in = write(dir, "in.jsonl", lines(10));
        try (LlmRing ring = server.ring(FakeOpenAi.registry(dir)).build()) {
            write(dir, "in.jsonl", lines(10).subList(0, 5));
            runner(ring, in, out()).build().run(); // paid 5 x $0.0000036 = $0.000018
            write(dir, "in.jsonl", lines(10));

            BatchSummary second = runner(ring, in, out())
                    .maxCost(new BigDecimal("0.00002"))
                    .build()
                    .run();

            assertEquals(0, second.ok(), second.toString());
            assertEquals(5, second.skipped(), second.toString());
            assertEquals(0, new BigDecimal("0.000018").compareTo(second.paidBefore()), second.toString());
        }
        assertEquals(5, server.requests().size());
    }

    @Test
    void aModelTheRegistryCannotPriceIsSkippedUnderALimit() throws Exception {
        Path in = write(dir, "in.jsonl", List.of(shortLine("x", "openai:gpt-unlisted", "hi")));
        BatchSummary summary;
        try (LlmRing ring = server.ring(FakeOpenAi.registry(dir)).build()) {
            summary = runner(ring, in, out()).maxCost(BigDecimal.ONE).build().run();
        }
        assertEquals(1, summary.skipped(), summary.toString());
        assertEquals("unpriced", record(out(), "x").path("reason").asText());
        assertEquals(0, server.requests().size());
    }

    @Test
    void aModelTheRegistryCannotPriceIsSentWhenUnpricedModelsAreAllowed() throws Exception {
        Path in = write(dir, "in.jsonl", List.of(shortLine("x", "openai:gpt-unlisted", "hi")));
        BatchSummary summary;
        try (LlmRing ring = server.ring(FakeOpenAi.registry(dir)).build()) {
            summary = runner(ring, in, out())
                    .maxCost(BigDecimal.ONE)
                    .allowUnpriced(true)
                    .build()
                    .run();
        }
        assertEquals(1, summary.ok(), summary.toString());
        assertEquals(1, summary.unpricedAnswers());
        assertEquals(
                "model_not_in_registry",
                record(out(), "x").path("cost").path("status").asText());
    }
}
