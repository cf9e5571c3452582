package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Lockfile;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockInitCommandTest extends CliTestBase {
    @Test
    void writesFourEmptyProfilesAndSaysWhyWhenNoKeyIsSet() {
        CliRunner.Result r = cli.run("lock", "init");

        assertEquals(0, r.exitCode(), r::toString);
        Lockfile lock = Lockfile.read(dir.resolve("llmring.lock"));
        assertEquals(
                List.of("default", "dev", "test", "prod"),
                List.copyOf(lock.profiles().keySet()));
        assertTrue(lock.profiles().values().stream().allMatch(p -> p.bindings().isEmpty()));
        assertTrue(r.out().contains("No aliases seeded: no provider API key is set (ANTHROPIC_API_KEY"), r::toString);
    }

    @Test
    void seedsFastBalancedAndDeepFromEachKeyedProvider() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("ANTHROPIC_API_KEY", "test-key-456");

        CliRunner.Result r = cli.run("lock", "init");

        assertEquals(0, r.exitCode(), r::toString);
        Lockfile lock = Lockfile.read(dir.resolve("llmring.lock"));
        for (String profile : List.of("default", "prod")) {
            assertEquals(refs("anthropic:claude-haiku-4-5", "openai:gpt-5-nano"), pool(lock, profile, "fast"));
            assertEquals(refs("anthropic:claude-sonnet-4-5", "openai:gpt-5"), pool(lock, profile, "balanced"));
            assertEquals(refs("anthropic:claude-opus-4-1", "openai:o3"), pool(lock, profile, "deep"));
        }
    }

    @Test
    void bindsEveryAliasToTheFastPoolInDevAndTest() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        cli.run("lock", "init");

        Lockfile lock = Lockfile.read(dir.resolve("llmring.lock"));
        for (String profile : List.of("dev", "test")) {
            for (String alias : List.of("fast", "balanced", "deep")) {
                assertEquals(refs("openai:gpt-5-nano"), pool(lock, profile, alias), profile + " " + alias);
            }
        }
    }

    @Test
    void pinsTheCurrentRegistryVersionOfEachSeededProvider() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("ANTHROPIC_API_KEY", "test-key-456");

        cli.run("lock", "init");

        Lockfile lock = Lockfile.read(dir.resolve("llmring.lock"));
        assertEquals(
                Map.of("anthropic", 3, "openai", 2), lock.profile("default").registryVersions());
    }

    @Test
    void writesAnEmptySkeletonWhenTheRegistryIsUnreachable() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("LLMRING_REGISTRY_URL", "http://127.0.0.1:1/registry");

        CliRunner.Result r = cli.run("lock", "init");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("No aliases seeded: the registry is unreachable for openai"), r::toString);
        assertTrue(Lockfile.read(dir.resolve("llmring.lock"))
                .profile("default")
                .bindings()
                .isEmpty());
    }

    @Test
    void refusesToOverwriteAnExistingFileWithoutForce() throws Exception {
        Files.writeString(dir.resolve("llmring.lock"), "# mine\n");

        CliRunner.Result r = cli.run("lock", "init");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("already exists; use --force"), r::toString);
        assertEquals("# mine\n", Files.readString(dir.resolve("llmring.lock")));
    }

    @Test
    void overwritesWithForce() throws Exception {
        Files.writeString(dir.resolve("llmring.lock"), "# mine\n");

        CliRunner.Result r = cli.run("lock", "init", "--force");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(4, Lockfile.read(dir.resolve("llmring.lock")).profiles().size());
        assertTrue(r.out().startsWith("Replaced "), r::toString);
    }

    @Test
    void writesJsonWhenTheFileNameEndsInJson() throws Exception {
        CliRunner.Result r = cli.run("lock", "init", "--file", "config/llmring.lock.json");

        assertEquals(1, r.exitCode(), "the directory does not exist yet: " + r);
        Files.createDirectories(dir.resolve("config"));
        r = cli.run("lock", "init", "--file", "config/llmring.lock.json");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.readString(dir.resolve("config/llmring.lock.json")).startsWith("{"));
    }

    @Test
    void writesTheFileNamedByLlmringLockfilePathSoThatTheNextCommandFindsIt() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        cli.env.put("LLMRING_LOCKFILE_PATH", "conf/team.lock");

        CliRunner.Result r = cli.run("lock", "init");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("conf/team.lock")), r::toString);
        assertFalse(Files.exists(dir.resolve("llmring.lock")), r::toString);
        assertEquals(0, cli.run("aliases").exitCode());
    }

    @Test
    void theFileOptionComesBeforeTheLockfileOption() {
        CliRunner.Result r = cli.run("--lockfile", "other.lock", "lock", "init", "--file", "mine.lock");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("mine.lock")), r::toString);
        assertFalse(Files.exists(dir.resolve("other.lock")), r::toString);
    }

    @Test
    void stampsCreationAndUpdateWithTheClock() {
        cli.run("lock", "init");

        Lockfile lock = Lockfile.read(dir.resolve("llmring.lock"));
        assertEquals(CliRunner.NOW, lock.createdAt().orElseThrow().toInstant());
        assertEquals(CliRunner.NOW, lock.updatedAt().orElseThrow().toInstant());
    }

    @Test
    void reportsTheSeedAsJson() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        CliRunner.Result r = cli.run("lock", "init", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"seeded\" : true"), r::toString);
        assertTrue(r.out().contains("\"fast\" : [ \"openai:gpt-5-nano\" ]"), r::toString);
        assertTrue(r.out().contains("\"registry_versions\" : {\n    \"openai\" : 2"), r::toString);
    }

    @Test
    void neverPrintsTheKey() {
        cli.env.put("OPENAI_API_KEY", "test-key-123");

        CliRunner.Result r = cli.run("lock", "init", "--verbose");

        assertFalse(r.out().contains("test-key-123") || r.err().contains("test-key-123"), r::toString);
    }
}
