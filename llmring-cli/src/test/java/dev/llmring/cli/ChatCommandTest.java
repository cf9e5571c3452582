package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCommandTest extends CliTestBase {
    OpenAiStub openai;

    @BeforeEach
    void setUp() {
        openai = new OpenAiStub();
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("OPENAI_BASE_URL", openai.baseUrl());
        givenLockfile(
                """
                [profiles.default]
                registry_versions = { openai = 2 }
                [[profiles.default.bindings]]
                alias = "fast"
                models = ["anthropic:claude-haiku-4-5", "openai:gpt-5-nano"]
                """);
    }

    @AfterEach
    void tearDown() {
        openai.close();
    }

    @Test
    void aSkipSaysWhichVariableToSetNotWhichBuilderMethodToCall() {
        openai.streams("gpt-5-nano", 12, 5, "Hi");

        CliRunner.Result r = cli.run("chat", "fast", "Say hello");

        assertTrue(r.err().contains("no API key for provider 'anthropic' (set ANTHROPIC_API_KEY)"), r::toString);
        assertFalse(r.err().contains("builder"), r::toString);
    }

    @Test
    void streamsTheAnswerToStdout() {
        openai.streams("gpt-5-nano", 12, 5, "Hello", "!", " How can I help?");

        CliRunner.Result r = cli.run("chat", "fast", "Say hello");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Hello! How can I help?\n", r.out());
    }

    @Test
    void reportsBindingTokensCostAndLatencyOnStderr() {
        openai.streams("gpt-5-nano", 12, 5, "Hi");

        CliRunner.Result r = cli.run("chat", "fast", "Say hello");

        // 12 x $0.05 + 5 x $0.40 per million = $0.0000026, shown to six places
        assertTrue(r.err().startsWith("[openai:gpt-5-nano] 12 in + 5 out tokens, $0.000003, "), r::toString);
        assertTrue(r.err().contains(" ms\n  skipped anthropic:claude-haiku-4-5: "), r::toString);
    }

    @Test
    void readsAConversationFromStdinKeepingTheHistory() {
        openai.streams("gpt-5-nano", 12, 5, "Hello there");
        cli.stdin = "hi\n\nand again\n/exit\nnot sent\n";

        CliRunner.Result r = cli.run("chat", "fast");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Hello there\nHello there\n", r.out());
        assertEquals(2, openai.requests().size());
        String second = openai.requests().get(1).getBodyAsString();
        assertTrue(second.contains("\"Hello there\"") && second.contains("\"and again\""), second);
    }

    @Test
    void sendsTheSystemMessageAndLimits() {
        openai.streams("gpt-5-nano", 12, 5, "ok");

        cli.run("chat", "fast", "hi", "--system", "Be brief.", "--max-output-tokens", "50");

        String body = openai.requests().get(0).getBodyAsString();
        assertTrue(body.contains("Be brief.") && body.contains("50"), body);
    }

    @Test
    void printsOneJsonLinePerTurn() {
        openai.answers("gpt-5-nano", "Hello!", 12, 5);

        CliRunner.Result r = cli.run("chat", "fast", "Say hello", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, r.out().lines().count(), r::toString);
        for (String field : new String[] {
            "\"binding\":\"openai:gpt-5-nano\"",
            "\"text\":\"Hello!\"",
            "\"finish_reason\":\"stop\"",
            "\"input_tokens\":12",
            "\"status\":\"priced\"",
            "\"total_usd\":0.0000026",
            "\"request_id\":\"req_plain_1\"",
            "\"outcome\":\"skipped\""
        }) {
            assertTrue(r.out().contains(field), field + " in " + r);
        }
    }

    @Test
    void aRejectedRequestFailsWithOneLine() {
        openai.rejects();

        CliRunner.Result r = cli.run("chat", "fast", "hi");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: "), r::toString);
        assertTrue(r.err().contains("temperature"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void aFailedTurnInAConversationDoesNotEndIt() {
        openai.rejects();
        cli.stdin = "one\ntwo\n";

        CliRunner.Result r = cli.run("chat", "fast");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(2, openai.requests().size());
    }

    @Test
    void noUsableBindingNamesEachReason() {
        cli.env.remove("OPENAI_API_KEY");

        CliRunner.Result r = cli.run("chat", "fast", "hi");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(
                r.err().contains("anthropic:claude-haiku-4-5") && r.err().contains("openai:gpt-5-nano"), r::toString);
        assertEquals(0, openai.requests().size());
    }

    @Test
    void aProviderModelReferenceNeedsNoLockfile() throws Exception {
        java.nio.file.Files.delete(dir.resolve("llmring.lock"));
        openai.streams("gpt-5-nano", 12, 5, "ok");

        CliRunner.Result r = cli.run("chat", "openai:gpt-5-nano", "hi");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("ok\n", r.out());
    }

    @Test
    void neverPrintsTheKey() {
        openai.rejects();

        CliRunner.Result r = cli.run("chat", "fast", "hi", "--verbose");

        assertFalse(r.out().contains("test-key-123") || r.err().contains("test-key-123"), r::toString);
    }
}
