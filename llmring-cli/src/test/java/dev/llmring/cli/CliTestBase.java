package dev.llmring.cli;

import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where every command test starts: a fresh temporary working directory {@link #dir}, and a {@link CliRunner}
 * {@link #cli} on it (fixed clock, empty environment) whose registry is the WireMock stub shared by the test run.
 * A test puts the lockfile it needs there with {@link #givenTheFixtureLockfile()} or {@link #givenLockfile(String)}.
 */
abstract class CliTestBase {
    @RegisterExtension
    static final RegistryStub.Shared REGISTRY = new RegistryStub.Shared();

    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    final void newRunner() {
        cli = new CliRunner(dir).registry(REGISTRY.stub());
    }

    /** Writes {@link Fixtures#LOCKFILE} (profiles default and prod) as {@code ./llmring.lock}. */
    final Path givenTheFixtureLockfile() {
        return Fixtures.lockfile(dir);
    }

    /** Writes {@code text} as {@code ./llmring.lock}. */
    final Path givenLockfile(String text) {
        return Fixtures.write(dir, "llmring.lock", text);
    }

    static List<ModelRef> refs(String... refs) {
        return Arrays.stream(refs).map(ModelRef::parse).toList();
    }

    static List<ModelRef> pool(Lockfile lock, String profile, String alias) {
        return lock.profile(profile)
                .binding(alias)
                .orElseThrow(() -> new AssertionError(profile + " " + alias))
                .models();
    }
}
