package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code llmring batch run} in process, against a loopback OpenAI and the registry stub. */
class BatchRunCommandTest extends CliTestBase {
    OpenAiStub openai;

    @BeforeEach
    void setUp() {
        openai = new OpenAiStub();
        openai.answers("gpt-5-nano", "fine", 12, 3);
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("OPENAI_BASE_URL", openai.baseUrl());
        givenLockfile(
                """
                [profiles.default]
                registry_versions = { openai = 2 }
                [[profiles.default.bindings]]
                alias = "fast"
                models = ["openai:gpt-5-nano"]
                """);
    }

    @AfterEach
    void tearDown() {
        openai.close();
    }

    static String line(String id) {
        return "{\"custom_id\":\"" + id + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":"
                + "\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"max_tokens\":20}}";
    }

    private void input(List<String> lines) throws IOException {
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", lines) + "\n");
    }

    private List<String> output() throws IOException {
        return Files.readAllLines(dir.resolve("out.jsonl"));
    }

    @Test
    void runsEveryLineAndSummarisesOnStderr() throws IOException {
        input(List.of(line("a"), line("b"), line("c")));

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(3, output().size(), r::toString);
        assertTrue(r.err().contains("llmring batch: 3 lines: 3 ok, 0 failed, 0 skipped, 0 done before"), r::toString);
        assertEquals(3, openai.requests().size());
    }

    @Test
    void printsTheSummaryAsJsonOnStdoutWithJson() throws IOException {
        input(List.of(line("a")));

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"ok\" : 1"), r::toString);
        assertTrue(r.out().contains("\"exit_code\" : 0"), r::toString);
    }

    @Test
    void duplicateIdsAreAUsageErrorNamingBothLines() throws IOException {
        input(List.of(line("a"), line("b"), line("a")));

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("custom_id 'a' on lines 1 and 3"), r::toString);
        assertEquals(0, openai.requests().size());
    }

    @Test
    void aBadLineFailsItAloneAndTheExitStatusIsOne() throws IOException {
        input(List.of(line("a"), "{\"custom_id\":\"b\",\"model\":\"fast\"}", line("c")));

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(3, output().size());
        assertTrue(output().stream().anyMatch(l -> l.contains("line 2: 'messages' must be a non-empty array")));
    }

    @Test
    void aBudgetThatCannotFitTheNextRequestStopsTheRunWithStatusThree() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) lines.add(line("l" + i));
        input(lines);

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--max-cost", "0.00000001");

        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.err().contains("stopped: the budget cannot fit the next request"), r::toString);
        assertEquals(0, openai.requests().size());
        assertTrue(output().stream().allMatch(l -> l.contains("\"reason\":\"budget\"")), r::toString);
    }

    @Test
    void theAliasOptionOverridesEveryLinesModel() throws IOException {
        input(List.of(line("a").replace("\"fast\"", "\"no-such-alias\"")));

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--alias", "fast");

        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aMissingInputIsAUsageError() {
        CliRunner.Result r = cli.run("batch", "run", "nope.jsonl", "--out", "out.jsonl");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no input file nope.jsonl"), r::toString);
    }
}
