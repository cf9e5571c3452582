package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliasesAndRouteTest extends CliTestBase {
    @BeforeEach
    void setUp() {
        givenTheFixtureLockfile();
    }

    @Test
    void aliasesListsPoolsAndConstraintsOfTheDefaultProfile() {
        CliRunner.Result r = cli.run("aliases");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(
                """
                Profile default (%s)
                  ALIAS       POOL                                       CONSTRAINTS
                  assistant   anthropic:claude-sonnet-4-5, openai:gpt-5  -
                  summarizer  openai:gpt-5-mini                          max_cost_usd_per_call=0.05
                """
                        .formatted(dir.resolve("llmring.lock")),
                r.out());
    }

    @Test
    void aliasesOfAnUnknownProfileNamesTheProfilesThereAre() {
        CliRunner.Result r = cli.run("aliases", "--profile", "qa");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("prod"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void aliasesAsJson() {
        CliRunner.Result r = cli.run("aliases", "--profile", "prod", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"profile\" : \"prod\""), r::toString);
        assertTrue(
                r.out()
                        .contains("\"alias\" : \"summarizer\",\n    \"models\" : [ \"openai:gpt-5-mini\" ],\n"
                                + "    \"constraints\" : { }"),
                r::toString);
    }

    @Test
    void routeServesTheFirstBindingWhoseKeyIsSet() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        CliRunner.Result r = cli.run("route", "assistant");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("1. anthropic:claude-sonnet-4-5  not usable"), r::toString);
        assertTrue(r.out().contains("credentials  fail  no key: set ANTHROPIC_API_KEY"), r::toString);
        assertTrue(r.out().contains("2. openai:gpt-5  usable"), r::toString);
        assertTrue(r.out().endsWith("Would serve: openai:gpt-5 (the first usable binding)\n"), r::toString);
    }

    @Test
    void routeWithNoUsableBindingIsAFinding() {
        CliRunner.Result r = cli.run("route", "assistant");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().endsWith("No binding is usable now.\n"), r::toString);
    }

    @Test
    void routeHonoursTheDeniedModelsPolicy() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("ANTHROPIC_API_KEY", "test-key-456");
        cli.env.put("LLMRING_DENIED_MODELS", "anthropic");

        CliRunner.Result r = cli.run("route", "assistant");

        assertTrue(r.out().contains("policy       fail"), r::toString);
        assertTrue(r.out().endsWith("Would serve: openai:gpt-5 (the first usable binding)\n"), r::toString);
    }

    @Test
    void routeRulesOutAModelTheRegistryListsAsInactive() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.run("bind", "old", "openai:gpt-4o-2024-05-13");

        CliRunner.Result r = cli.run("route", "old");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("registry     fail  inactive"), r::toString);
    }

    @Test
    void routeReadsPricesFromThePinnedSnapshot() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        CliRunner.Result r = cli.run("route", "summarizer", "--profile", "prod");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("active (pinned version 1), $0.30 in / $2.00 out per 1M tokens"), r::toString);
    }

    @Test
    void routeOfAProviderModelReferenceNeedsNoAlias() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        CliRunner.Result r = cli.run("route", "openai:gpt-5-nano");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Would serve: openai:gpt-5-nano"), r::toString);
    }

    @Test
    void routeOfAProviderModelReferenceNeedsNoLockfile() throws Exception {
        java.nio.file.Files.delete(dir.resolve("llmring.lock"));
        cli.env.put("ANTHROPIC_API_KEY", "test-key-456");

        CliRunner.Result r = cli.run("route", "anthropic:claude-haiku-4-5");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("in profile default ((no lockfile)): pool of 1"), r::toString);
    }

    @Test
    void routeOfAnUnboundAliasListsTheBoundOnes() {
        CliRunner.Result r = cli.run("route", "nope");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("assistant") && r.err().contains("summarizer"), r::toString);
    }

    @Test
    void routeAsJson() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        CliRunner.Result r = cli.run("route", "assistant", "--json");

        assertTrue(r.out().contains("\"serving\" : \"openai:gpt-5\""), r::toString);
        assertTrue(r.out().contains("\"check\" : \"credentials\",\n      \"status\" : \"fail\""), r::toString);
    }
}
