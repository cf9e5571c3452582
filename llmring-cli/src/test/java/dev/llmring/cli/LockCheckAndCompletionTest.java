package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LLMRing's {@code lock check}, shell completion and the help footer. */
class LockCheckAndCompletionTest extends CliTestBase {
    private URLClassLoader loader;

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) loader.close();
    }

    /** Extends packages acme and tools, both binding "summarizer", on the class path the command sees. */
    private void givenTwoPackagesOnTheClasspath(String... extendsPackages) {
        Path classes = dir.resolve("classes");
        String pkg =
                "[profiles.default]\n[[profiles.default.bindings]]\nalias = \"summarizer\"\nmodels = [\"openai:x\"]\n";
        Fixtures.write(classes, "META-INF/llmring/acme/llmring.lock", pkg);
        Fixtures.write(classes, "META-INF/llmring/tools/llmring.lock", pkg);
        try {
            loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        cli.classLoader = loader;
        givenLockfile(
                "[extends]\npackages = [\"" + String.join("\", \"", extendsPackages) + "\"]\n"
                        + "[profiles.default]\n[[profiles.default.bindings]]\nalias = \"fast\"\nmodels = [\"openai:gpt-5-nano\"]\n");
    }

    @Test
    void lockCheckListsEachPackagesAliasesAndTheLocalOnes() {
        givenTwoPackagesOnTheClasspath("acme");

        CliRunner.Result r = cli.run("lock", "check");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("  ok   acme: summarizer\n"), r::toString);
        assertTrue(r.out().contains("  fast -> openai:gpt-5-nano\n"), r::toString);
        assertTrue(r.out().contains("1/1 packages ok, 1 extended aliases, 1 local aliases"), r::toString);
    }

    @Test
    void lockCheckFailsOnAPackageWithoutLockfile() {
        givenTwoPackagesOnTheClasspath("acme", "absent");

        CliRunner.Result r = cli.run("lock", "check");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("  FAIL absent: "), r::toString);
    }

    @Test
    void lockCheckWarnsOfAnAliasTwoPackagesBind() {
        givenTwoPackagesOnTheClasspath("acme", "tools");

        CliRunner.Result r = cli.run("lock", "check");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("use acme:summarizer or tools:summarizer"), r::toString);
    }

    @Test
    void lockCheckWithJsonListsPackagesAndConflicts() {
        givenTwoPackagesOnTheClasspath("acme", "tools");

        CliRunner.Result r = cli.run("lock", "check", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"summarizer\" : [ \"acme\", \"tools\" ]"), r::toString);
    }

    @Test
    void completionPrintsABashScriptCoveringTheSubcommands() {
        CliRunner.Result r = cli.run("completion");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("complete -F"), r::toString);
        assertTrue(r.out().contains("bump-registry"), r::toString);
    }

    @Test
    void helpEndsWithTheProjectsDocumentation() {
        CliRunner.Result r = cli.run("--help");

        assertTrue(
                r.out().contains("Documentation: https://github.com/llmring/llmring-java/blob/main/docs/cli.md"),
                r::toString);
    }
}
