package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LockValidateCommandTest extends CliTestBase {
    @Test
    void aValidLockfilePasses() {
        givenTheFixtureLockfile();

        CliRunner.Result r = cli.run("lock", "validate");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(
                dir.resolve("llmring.lock") + ": valid (0 errors, 0 warnings; 2 profiles, 3 models checked"
                        + " against the registry)\n",
                r.out());
    }

    @Test
    void reportsEveryRegistryProblemAtOnce() {
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "a"
                models = ["openai:gpt-9", "openai:gpt-4o-2024-05-13", "anthropic:claude-3-haiku-20240307"]
                """);

        CliRunner.Result r = cli.run("lock", "validate");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("error: openai:gpt-9: "), r::toString);
        assertTrue(r.out().contains("error: openai:gpt-4o-2024-05-13: "), r::toString);
        assertTrue(r.out().contains("error: anthropic:claude-3-haiku-20240307: "), r::toString);
        assertTrue(r.out().contains("invalid (3 errors, 0 warnings"), r::toString);
    }

    @Test
    void namesTheProfilesAProblemWasSeenIn() {
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "a"
                models = ["openai:gpt-9"]
                [profiles.prod]
                [[profiles.prod.bindings]]
                alias = "a"
                models = ["openai:gpt-9"]
                """);

        CliRunner.Result r = cli.run("lock", "validate");

        assertTrue(r.out().contains("(profiles default, prod)"), r::toString);
        assertTrue(r.out().contains("1 error,"), r::toString);
    }

    @Test
    void aSyntaxErrorIsAFindingWithFileAndLine() {
        givenLockfile("version = \"1.0\"\n[profiles.default\n");

        CliRunner.Result r = cli.run("lock", "validate");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("error: " + dir.resolve("llmring.lock") + ":2:"), r::toString);
        assertTrue(r.err().isEmpty(), r::toString);
    }

    @Test
    void aSchemaErrorNamesTheField() {
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "a"
                models = "openai:gpt-5"
                """);

        CliRunner.Result r = cli.run("lock", "validate", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"field\" : \"profiles.default.bindings[0].models\""), r::toString);
        assertTrue(r.out().contains("\"line\" : 4"), r::toString);
        assertTrue(r.out().contains("\"valid\" : false"), r::toString);
    }

    @Test
    void aKeyInTheLockfileIsAFindingThatDoesNotShowTheKey() {
        String fake = "sk-" + "proj" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";
        givenLockfile("[metadata]\nnote = \"" + fake + "\"\n");

        CliRunner.Result r = cli.run("lock", "validate");

        assertEquals(1, r.exitCode(), r::toString);
        assertFalse(r.out().contains(fake) || r.err().contains(fake), r::toString);
        assertTrue(r.out().contains(":2:"), r::toString);
    }

    @Test
    void noRegistrySkipsTheRegistryChecks() {
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "a"
                models = ["openai:gpt-9"]
                """);

        CliRunner.Result r = cli.run("lock", "validate", "--no-registry");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("registry not checked"), r::toString);
    }

    @Test
    void anEntryLlmRingSkipsIsAWarningNamingItsField() {
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "a"
                models = ["openai:gpt-5-nano", "gpt-4o"]
                """);

        CliRunner.Result r = cli.run("lock", "validate", "--no-registry");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("warning: lockfile: " + dir.resolve("llmring.lock") + ":4:"), r::toString);
        assertTrue(r.out().contains("profiles.default.bindings[0].models[1]"), r::toString);
    }

    @Test
    void anUnreachableRegistryIsAWarningThatSaysHowToWorkWithoutIt() {
        givenTheFixtureLockfile();
        cli.env.put("LLMRING_REGISTRY_URL", "http://127.0.0.1:1/registry");

        CliRunner.Result r = cli.run("lock", "validate");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("warning: openai: cannot fetch http://127.0.0.1:1/registry/openai/"), r::toString);
        assertTrue(r.err().contains("--offline") && r.err().contains("LLMRING_REGISTRY_URL"), r::toString);
    }

    @Test
    void anUnreachableRegistryFailsValidationWithStrict() {
        givenTheFixtureLockfile();
        cli.env.put("LLMRING_REGISTRY_URL", "http://127.0.0.1:1/registry");

        CliRunner.Result r = cli.run("lock", "validate", "--strict");

        assertEquals(1, r.exitCode(), r::toString);
    }

    @Test
    void warningsPassUnlessStrict() {
        givenLockfile(
                """
                [profiles.default]
                [[profiles.default.bindings]]
                alias = "a"
                models = ["groq:llama-3.3-70b"]
                """);

        CliRunner.Result lenient = cli.run("lock", "validate");
        CliRunner.Result strict = cli.run("lock", "validate", "--strict");

        assertEquals(0, lenient.exitCode(), lenient::toString);
        assertTrue(lenient.out().contains("warning: groq: no adapter is registered"), lenient::toString);
        assertEquals(1, strict.exitCode(), strict::toString);
    }

    @Test
    void noLockfileIsAFinding() {
        CliRunner.Result r = cli.run("lock", "validate");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("no lockfile found"), r::toString);
    }
}
