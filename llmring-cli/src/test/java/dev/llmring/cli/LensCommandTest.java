package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LensCommandTest extends CliTestBase {
    OpenAiStub openai;

    @BeforeEach
    void setUp() {
        openai = new OpenAiStub();
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("OPENAI_BASE_URL", openai.baseUrl());
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "fast"
                models = ["openai:gpt-5-nano"]
                """);
        openai.streams("gpt-5-nano", 12, 5, "Hello", "!", " How can I help?");
    }

    @AfterEach
    void tearDown() {
        openai.close();
    }

    @Test
    void measuresATargetThroughTheBaseUrlFromTheEnvironmentAndWritesTheReports() {
        CliRunner.Result r = cli.run("lens", "--target", "fast", "--requests", "3", "--out", "out");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("fast"), r::toString);
        for (String file : new String[] {"requests.jsonl", "summary.json", "summary.csv", "report.html"}) {
            assertTrue(Files.isRegularFile(dir.resolve("out").resolve(file)), file);
        }
        assertEquals(4, openai.requests().size()); // one warm-up, three measured
    }

    @Test
    void printsTheSummaryJsonWithTheJsonOption() {
        CliRunner.Result r =
                cli.run("--json", "lens", "--target", "openai:gpt-5-nano", "--requests", "2", "--out", "o");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"version\" : 1"), r::toString);
        assertTrue(r.out().contains("\"ttft_ms\""), r::toString);
    }

    @Test
    void refusesARunPastMaxRequestsWithoutYes() {
        CliRunner.Result r = cli.run("lens", "--target", "fast", "--requests", "500", "--out", "out");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--yes"), r::toString);
        assertTrue(openai.requests().isEmpty());
        assertFalse(Files.exists(dir.resolve("out").resolve("summary.json")));
    }

    @Test
    void anUnknownLoadProfileIsAUsageError() {
        CliRunner.Result r = cli.run("lens", "--target", "fast", "--profile", "zigzag", "--out", "out");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("zigzag"), r::toString);
    }

    @Test
    void aBadPromptsFileNamesItsLineAndField() throws Exception {
        Path prompts = Files.writeString(
                dir.resolve("prompts.jsonl"),
                "{\"custom_id\":\"a\",\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n"
                        + "{\"custom_id\":\"b\",\"model\":\"x\",\"messages\":[]}\n");

        CliRunner.Result r = cli.run("lens", "--target", "fast", "--prompts", prompts.toString(), "--out", "out");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("prompts.jsonl:2: field 'messages'"), r::toString);
    }
}
