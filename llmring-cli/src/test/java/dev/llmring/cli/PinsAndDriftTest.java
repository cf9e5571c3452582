package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Lockfile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinsAndDriftTest extends CliTestBase {
    Path lockfile;

    @BeforeEach
    void setUp() {
        lockfile = givenTheFixtureLockfile();
    }

    @Test
    void driftReportsAChangeToAModelInUse() {
        CliRunner.Result r = cli.run("lock", "drift", "--profile", "prod");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(
                r.out().contains("prod: openai pinned 1, registry now at 2: 1 change to models in use, "), r::toString);
        assertTrue(
                r.out().contains("PRICE openai:gpt-5-mini-2025-08-07 dollars_per_million_tokens_input: 0.3 -> 0.25"),
                r::toString);
    }

    @Test
    void noDriftWhenThePinsAreCurrent() {
        CliRunner.Result r = cli.run("lock", "drift", "--profile", "default");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("default: openai pinned 2, current: up to date"), r::toString);
        assertTrue(r.out().contains("default: anthropic pinned 3, current: up to date"), r::toString);
    }

    @Test
    void aNewerVersionThatChangesNoModelInUseIsNotDrift() {
        givenLockfile(
                """
                [profiles.default]
                registry_versions = { openai = 1 }
                [[profiles.default.bindings]]
                alias = "a"
                models = ["openai:gpt-5-nano"]
                """);

        CliRunner.Result r = cli.run("lock", "drift");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("0 changes to models in use"), r::toString);
    }

    @Test
    void driftAsJson() {
        CliRunner.Result r = cli.run("lock", "drift", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"drift\" : true"), r::toString);
        assertTrue(r.out().contains("\"kind\" : \"price\""), r::toString);
    }

    @Test
    void bumpRegistryPinsTheCurrentVersionOfEveryProviderInUse() {
        CliRunner.Result r = cli.run("lock", "bump-registry");

        assertEquals(0, r.exitCode(), r::toString);
        Lockfile lock = Lockfile.read(lockfile);
        assertEquals(Map.of("openai", 2), lock.profile("prod").registryVersions());
        assertEquals(
                Map.of("openai", 2, "anthropic", 3), lock.profile("default").registryVersions());
        assertEquals(CliRunner.NOW, lock.updatedAt().orElseThrow().toInstant());
        assertEquals(0, cli.run("lock", "drift").exitCode());
    }

    @Test
    void bumpRegistryLeavesTheFileAloneWhenNothingChanges() {
        CliRunner.Result r = cli.run("lock", "bump-registry", "--profile", "default");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(Fixtures.LOCKFILE, Fixtures.read(lockfile));
        assertTrue(r.out().contains("All pins were current"), r::toString);
    }

    @Test
    void bumpRegistryFailsWhenTheRegistryIsUnreachable() {
        cli.env.put("LLMRING_REGISTRY_URL", "http://127.0.0.1:1/registry");

        CliRunner.Result r = cli.run("lock", "bump-registry");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: cannot read the registry for "), r::toString);
        assertEquals(Fixtures.LOCKFILE, Fixtures.read(lockfile));
    }

    @Test
    void digestPrintsTheLibrarysDigest() {
        CliRunner.Result r = cli.run("lock", "digest");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(Lockfile.read(lockfile).digest() + "\n", r.out());
    }

    @Test
    void digestIgnoresTheTimestampsABindChanges() {
        String before = cli.run("lock", "digest").out();
        cli.run("bind", "summarizer", "openai:gpt-5-mini");

        assertEquals(before, cli.run("lock", "digest").out());
    }
}
