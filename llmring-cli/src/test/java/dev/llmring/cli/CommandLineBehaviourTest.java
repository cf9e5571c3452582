package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

class CommandLineBehaviourTest extends CliTestBase {
    @TestFactory
    List<DynamicTest> everyCommandPrintsHelpAndExitsZero() {
        List<DynamicTest> tests = new ArrayList<>();
        collect(Cli.commandLine(CliContext.builder().workingDirectory(dir).build()), new ArrayList<>(), tests);
        return tests;
    }

    private void collect(CommandLine cmd, List<String> path, List<DynamicTest> tests) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        tests.add(DynamicTest.dynamicTest(String.join(" ", args), () -> {
            CliRunner.Result r = cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.out().startsWith("Usage: " + cmd.getCommandSpec().qualifiedName()), r::toString);
        }));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().aliases().length == 0
                    || !List.of(sub.getCommandSpec().aliases()).contains(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, tests);
            }
        });
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRunner.Result r = cli.run("lokc");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: Unmatched argument at index 0: 'lokc'"), r::toString);
        assertTrue(r.err().contains("Did you mean: llmring lock?"), r::toString);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRunner.Result r = cli.run("aliases", "--profle", "x");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Try 'llmring aliases --help' for more information."), r::toString);
    }

    @Test
    void noCommandPrintsUsageAndIsAUsageError() {
        CliRunner.Result r = cli.run();

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Usage: llmring"), r::toString);
    }

    @Test
    void versionNamesTheTool() {
        CliRunner.Result r = cli.run("--version");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("llmring "), r::toString);
    }

    @Test
    void anErrorIsOneLineWithoutAStackTrace() {
        CliRunner.Result r = cli.run("aliases");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRunner.Result r = cli.run("aliases", "--verbose");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(
                r.err().lines().anyMatch(l -> l.startsWith("\tat ") && l.contains("Discovery.discover")), r::toString);
    }

    @Test
    void globalOptionsAreAcceptedBeforeOrAfterTheCommand() {
        Fixtures.lockfile(dir.resolve("conf"));

        CliRunner.Result before = cli.run("--lockfile", "conf/llmring.lock", "--json", "lock", "digest");
        CliRunner.Result after = cli.run("lock", "digest", "--json", "--lockfile", "conf/llmring.lock");

        assertEquals(0, before.exitCode(), before::toString);
        assertEquals(before.out(), after.out());
    }

    @Test
    void theLockfileIsFoundThroughLlmringLockfilePath() {
        Fixtures.lockfile(dir.resolve("conf"));
        cli.env.put("LLMRING_LOCKFILE_PATH", "conf/llmring.lock");

        CliRunner.Result r = cli.run("aliases");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("summarizer"), r::toString);
    }

    @Test
    void aNonHttpsRegistryUrlIsAUsageError() {
        CliRunner.Result r = cli.run("models", "--registry-url", "ftp://example.com/registry");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: "), r::toString);
    }
}
