package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With no network the commands that need the registry say so plainly, and how to do without it. */
class UnreachableRegistryTest extends CliTestBase {
    private static final String NOWHERE = "http://127.0.0.1:1/registry";

    @BeforeEach
    void noRegistry() {
        cli.env.put("LLMRING_REGISTRY_URL", NOWHERE);
    }

    private static void assertSaysHowToWorkWithout(CliRunner.Result r) {
        assertTrue(r.err().contains("the registry is unreachable"), r::toString);
        assertTrue(r.err().contains("--registry-url (or LLMRING_REGISTRY_URL)"), r::toString);
        assertTrue(r.err().contains("--offline"), r::toString);
    }

    @Test
    void modelsNamesTheUrlAndTheWayOut() {
        CliRunner.Result r = cli.run("models", "--provider", "openai");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("cannot fetch " + NOWHERE + "/openai/models.json"), r::toString);
        assertSaysHowToWorkWithout(r);
    }

    @Test
    void modelsWithJsonListsTheFailureAsAnError() {
        CliRunner.Result r = cli.run("models", "--provider", "openai", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"type\" : \"registry_unavailable\""), r::toString);
    }

    @Test
    void infoSaysTheRegistryIsUnreachable() {
        CliRunner.Result r = cli.run("info", "openai:gpt-5-nano");

        assertEquals(1, r.exitCode(), r::toString);
        assertSaysHowToWorkWithout(r);
    }

    @Test
    void driftSaysTheRegistryIsUnreachable() {
        givenTheFixtureLockfile();

        CliRunner.Result r = cli.run("lock", "drift");

        assertEquals(1, r.exitCode(), r::toString);
        assertSaysHowToWorkWithout(r);
    }

    @Test
    void bumpRegistrySaysTheRegistryIsUnreachable() {
        givenTheFixtureLockfile();

        CliRunner.Result r = cli.run("lock", "bump-registry");

        assertEquals(1, r.exitCode(), r::toString);
        assertSaysHowToWorkWithout(r);
    }

    @Test
    void aFailureWithJsonIsAJsonErrorObjectOnStdout() {
        CliRunner.Result r = cli.run("info", "openai:gpt-5-nano", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(
                r.out().startsWith("{\"error\":{\"type\":\"registry_unavailable\",\"message\":\"cannot read"),
                r::toString);
        assertTrue(r.out().contains("\"exit_code\":1"), r::toString);
    }

    @Test
    void aMissingLockfileWithJsonIsAJsonErrorObject() {
        CliRunner.Result r = cli.run("aliases", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("{\"error\":{\"type\":\"lockfile_not_found\""), r::toString);
    }

    @Test
    void anInvalidLockfileWithJsonNamesFileLineAndField() {
        givenLockfile("[profiles.default]\n[[profiles.default.bindings]]\nalias = \"a\"\nmodels = 3\n");

        CliRunner.Result r = cli.run("aliases", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"type\":\"lockfile_invalid\""), r::toString);
        assertTrue(r.out().contains("\"line\":4"), r::toString);
        assertTrue(r.out().contains("\"field\":\"profiles.default.bindings[0].models\""), r::toString);
    }

    @Test
    void aUsageErrorWithJsonIsAJsonErrorObject() {
        CliRunner.Result r = cli.run("aliases", "--json", "--no-such-option");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("{\"error\":{\"type\":\"usage\""), r::toString);
        assertTrue(r.out().contains("\"exit_code\":2"), r::toString);
    }
}
