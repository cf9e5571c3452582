package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelsAndInfoTest extends CliTestBase {
    @Test
    void modelsListsTheActiveModelsOfAProvider() {
        CliRunner.Result r = cli.run("models", "--provider", "anthropic");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("anthropic (registry version 3, 3 models)\n"), r::toString);
        assertTrue(
                r.out()
                        .contains("claude-sonnet-4-5  200,000  64,000   $3.00     $15.00     "
                                + "vision,tools,json,reasoning,caching  active"),
                r::toString);
        assertFalse(r.out().contains("claude-3-haiku"), r::toString);
    }

    @Test
    void modelsWithAllIncludesDeprecatedModels() {
        CliRunner.Result r = cli.run("models", "--provider", "anthropic", "--all");

        assertTrue(r.out().contains("deprecated 2025-03-01"), r::toString);
    }

    @Test
    void modelsCoversEveryProviderAndSaysWhichHaveNoData() {
        CliRunner.Result r = cli.run("models");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("openai (registry version 2, 7 models)"), r::toString);
        assertTrue(r.out().contains("ollama: the registry has no data for this provider"), r::toString);
    }

    @Test
    void modelsAsJsonUsesTheDocumentedFieldNames() {
        CliRunner.Result r = cli.run("models", "--provider", "openai", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        for (String field : new String[] {
            "\"provider\" : \"openai\"",
            "\"version\" : 2",
            "\"model\" : \"openai:gpt-5-mini-2025-08-07\"",
            "\"display_name\" : \"GPT-5 mini\"",
            "\"aliases\" : [ \"gpt-5-mini\" ]",
            "\"max_input_tokens\" : 272000",
            "\"cached_input\" : 0.025",
            "\"supports_vision\" : true",
            "\"active\" : true",
            "\"deprecated_date\" : null"
        }) {
            assertTrue(r.out().contains(field), field + " in " + r);
        }
    }

    @Test
    void modelsWithAMalformedProviderNameIsAUsageError() {
        CliRunner.Result r = cli.run("models", "--provider", "Open AI");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: provider must be lower-case letters"), r::toString);
        assertTrue(r.err().contains("'Open AI'"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
    }

    @Test
    void modelsFailsForAnUnreachableRegistry() {
        cli.env.put("LLMRING_REGISTRY_URL", "http://127.0.0.1:1/registry");

        CliRunner.Result r = cli.run("models", "--provider", "openai");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: openai: "), r::toString);
    }

    @Test
    void modelsOfflineWithoutACacheFails() {
        CliRunner.Result r = cli.run("models", "--provider", "openai", "--offline");

        assertEquals(1, r.exitCode(), r::toString);
    }

    @Test
    void modelsOfflineServesTheCache() {
        cli.run("models", "--provider", "openai");

        CliRunner.Result r = cli.run("--offline", "models", "--provider", "openai");

        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void infoShowsAModelByAlias() {
        CliRunner.Result r = cli.run("info", "openai:gpt-5-mini");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("openai:gpt-5-mini-2025-08-07 (GPT-5 mini)\n"), r::toString);
        assertTrue(
                r.out().contains("price per 1M tokens  input $0.25, output $2.00, cached input $0.025"), r::toString);
        assertTrue(r.out().contains("context window       272,000 input tokens, 128,000 output tokens"), r::toString);
    }

    @Test
    void infoOfAnAliasShowsEveryModelOfItsPoolFromThePinnedVersion() {
        givenTheFixtureLockfile();

        CliRunner.Result r = cli.run("info", "summarizer", "--profile", "prod");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("registry version     1 (pinned)"), r::toString);
        assertTrue(r.out().contains("input $0.30"), r::toString);
    }

    @Test
    void infoOfAModelNotInTheRegistryIsAFinding() {
        CliRunner.Result r = cli.run("info", "openai:gpt-9");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("llmring: openai:gpt-9 is not in the registry\n", r.err());
    }

    @Test
    void infoOfAnAliasWithoutLockfileFails() {
        CliRunner.Result r = cli.run("info", "summarizer");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: no lockfile found"), r::toString);
    }
}
