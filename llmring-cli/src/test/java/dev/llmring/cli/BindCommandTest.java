package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Lockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BindCommandTest extends CliTestBase {
    Path lockfile;

    @BeforeEach
    void setUp() {
        lockfile = givenTheFixtureLockfile();
    }

    Lockfile lock() {
        return Lockfile.read(lockfile);
    }

    @Test
    void bindsANewAliasInTheDefaultProfile() {
        CliRunner.Result r = cli.run("bind", "fast", "openai:gpt-5-nano,anthropic:claude-haiku-4-5");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(refs("openai:gpt-5-nano", "anthropic:claude-haiku-4-5"), pool(lock(), "default", "fast"));
        assertTrue(
                r.out().startsWith("Bound fast -> openai:gpt-5-nano, anthropic:claude-haiku-4-5 in profile default"),
                r::toString);
    }

    @Test
    void acceptsModelsAsSeparateArguments() {
        CliRunner.Result r = cli.run("bind", "fast", "openai:gpt-5-nano", "anthropic:claude-haiku-4-5");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(refs("openai:gpt-5-nano", "anthropic:claude-haiku-4-5"), pool(lock(), "default", "fast"));
    }

    @Test
    void replacesAPoolKeepingTheConstraints() {
        CliRunner.Result r = cli.run("bind", "summarizer", "anthropic:claude-haiku-4-5");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(refs("anthropic:claude-haiku-4-5"), pool(lock(), "default", "summarizer"));
        assertEquals(
                Map.of("max_cost_usd_per_call", 0.05),
                lock().profile("default").binding("summarizer").orElseThrow().constraints());
        assertTrue(r.out().contains("; was openai:gpt-5-mini"), r::toString);
    }

    @Test
    void bumpsUpdatedAtWithTheClock() {
        cli.run("bind", "fast", "openai:gpt-5-nano");

        assertEquals(CliRunner.NOW, lock().updatedAt().orElseThrow().toInstant());
        assertEquals("2025-09-01T00:00Z", lock().createdAt().orElseThrow().toString());
    }

    @Test
    void bindsInTheProfileNamedByLlmringProfile() {
        cli.env.put("LLMRING_PROFILE", "prod");

        cli.run("bind", "fast", "openai:gpt-5-nano");

        assertEquals(refs("openai:gpt-5-nano"), pool(lock(), "prod", "fast"));
        assertTrue(lock().profile("default").binding("fast").isEmpty());
    }

    @Test
    void createsAProfileNamedExplicitly() {
        CliRunner.Result r = cli.run("bind", "fast", "openai:gpt-5-nano", "--profile", "staging");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(refs("openai:gpt-5-nano"), pool(lock(), "staging", "fast"));
        assertTrue(r.out().startsWith("Created profile staging."), r::toString);
    }

    @Test
    void refusesAnUnknownProviderAsAUsageError() {
        CliRunner.Result r = cli.run("bind", "fast", "openia:gpt-5-nano");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(
                r.err()
                        .contains("unknown provider 'openia' in 'openia:gpt-5-nano'; known providers: anthropic,"
                                + " google, ollama, openai"),
                r::toString);
        assertEquals(Fixtures.LOCKFILE, Fixtures.read(lockfile));
    }

    @Test
    void refusesAMalformedReferenceAsAUsageError() {
        CliRunner.Result r = cli.run("bind", "fast", "gpt-5-nano");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Malformed model reference 'gpt-5-nano': expected provider:model"), r::toString);
    }

    @Test
    void refusesAMalformedAliasAsAUsageError() {
        CliRunner.Result r = cli.run("bind", "fast!", "openai:gpt-5-nano");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'fast!'"), r::toString);
    }

    @Test
    void refusesABindingWithoutModelsAsAUsageError() {
        CliRunner.Result r = cli.run("bind", "fast");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Missing required parameter: 'MODEL'"), r::toString);
    }

    @Test
    void failsWithOneLineNamingThePlacesLookedWhenThereIsNoLockfile() throws Exception {
        Files.delete(lockfile);

        CliRunner.Result r = cli.run("bind", "fast", "openai:gpt-5-nano");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(
                r.err().startsWith("llmring: no lockfile found; looked in: LLMRING_LOCKFILE_PATH (not set), "),
                r::toString);
    }

    @Test
    void editsTheFileNamedByTheLockfileOption() {
        Path other = Fixtures.write(dir, "conf/other.lock", Fixtures.LOCKFILE);

        CliRunner.Result r = cli.run("--lockfile", "conf/other.lock", "bind", "fast", "openai:gpt-5-nano");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(refs("openai:gpt-5-nano"), pool(Lockfile.read(other), "default", "fast"));
        assertTrue(lock().profile("default").binding("fast").isEmpty());
    }

    @Test
    void unbindRemovesTheAlias() {
        CliRunner.Result r = cli.run("unbind", "summarizer");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(lock().profile("default").binding("summarizer").isEmpty());
        assertTrue(lock().profile("prod").binding("summarizer").isPresent());
        assertEquals(CliRunner.NOW, lock().updatedAt().orElseThrow().toInstant());
    }

    @Test
    void unbindOfAnAliasNotBoundIsAFinding() {
        CliRunner.Result r = cli.run("unbind", "nope", "--profile", "prod");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("llmring: alias 'nope' is not bound in profile prod; bound aliases: summarizer\n", r.err());
    }

    @Test
    void unbindInAProfileThatDoesNotExistIsAFinding() {
        CliRunner.Result r = cli.run("unbind", "summarizer", "--profile", "qa");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("qa"), r::toString);
    }

    @Test
    void reportsTheBindingAsJson() {
        CliRunner.Result r = cli.run("bind", "summarizer", "openai:gpt-5-nano", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"alias\" : \"summarizer\""), r::toString);
        assertTrue(r.out().contains("\"models\" : [ \"openai:gpt-5-nano\" ]"), r::toString);
        assertTrue(r.out().contains("\"previous\" : [ \"openai:gpt-5-mini\" ]"), r::toString);
        assertTrue(r.out().contains("\"created_profile\" : false"), r::toString);
    }
}
