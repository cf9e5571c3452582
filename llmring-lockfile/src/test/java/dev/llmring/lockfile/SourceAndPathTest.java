package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Lockfile#path()}: present exactly when the lockfile is a file {@link Lockfile#write} can replace. */
class SourceAndPathTest {
    private static final String LOCKFILE = "[profiles.default]\n";

    @TempDir
    Path dir;

    private Discovery.Builder in(Path workingDirectory) {
        return Discovery.builder()
                .workingDirectory(workingDirectory)
                .environment(k -> null)
                .classLoader(Fixtures.loaderOf());
    }

    @Test
    void aLockfileReadFromAFileHasThatPath() {
        Path file = dir.resolve("team.lock");
        Fixtures.write(file, LOCKFILE);

        assertEquals(file, Lockfile.read(file).path().orElseThrow());
    }

    @Test
    void aLockfileDiscoveredInTheWorkingDirectoryHasItsPath() {
        Fixtures.write(dir.resolve("llmring.lock"), LOCKFILE);

        assertEquals(
                dir.resolve("llmring.lock"),
                Lockfile.discover(in(dir).build()).path().orElseThrow());
    }

    /** Discovers with an empty working directory and {@code root} (a directory or a jar) as the class path. */
    private Lockfile fromTheClasspath(Path root) throws IOException {
        Path cwd = Files.createDirectory(dir.resolve("cwd"));
        try (URLClassLoader loader = Fixtures.loaderOf(root)) {
            return Lockfile.discover(in(cwd).classLoader(loader).build());
        }
    }

    @Test
    void aLockfileFromAClasspathDirectoryHasNoPath() throws IOException {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Fixtures.write(classes.resolve("llmring.lock"), LOCKFILE);

        Lockfile lock = fromTheClasspath(classes);

        assertTrue(lock.path().isEmpty(), lock::toString);
        assertTrue(lock.source().orElseThrow().startsWith("file:"), lock::toString);
    }

    @Test
    void aLockfileFromAJarOnTheClasspathHasNoPath() throws IOException {
        Lockfile lock = fromTheClasspath(Fixtures.jar(dir.resolve("lib.jar"), Map.of("llmring.lock", LOCKFILE)));

        assertTrue(lock.path().isEmpty(), lock::toString);
        assertTrue(lock.source().orElseThrow().startsWith("jar:file:"), lock::toString);
    }

    @Test
    void aLockfileReadFromAPathInsideAJarHasNoPathAndItsUriAsSource() throws IOException {
        Path jar = Fixtures.jar(dir.resolve("lib.jar"), Map.of("conf/llmring.lock", LOCKFILE));
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Lockfile lock = Lockfile.read(zip.getPath("conf/llmring.lock"));

            assertTrue(lock.path().isEmpty(), lock::toString);
            assertTrue(lock.source().orElseThrow().startsWith("jar:file:"), lock::toString);
            assertTrue(lock.source().orElseThrow().endsWith("lib.jar!/conf/llmring.lock"), lock::toString);
        }
    }

    @Test
    void parsedAndBuiltLockfilesHaveNoPath() {
        assertTrue(Fixtures.toml(LOCKFILE).path().isEmpty());
        assertTrue(Lockfile.empty(CLOCK, List.of("default")).path().isEmpty());
    }

    @Test
    void anEditedLockfileKeepsThePathItWasReadFrom() {
        Path file = dir.resolve("llmring.lock");
        Fixtures.write(file, LOCKFILE);

        Lockfile edited = Lockfile.read(file).bind("default", "fast", List.of(ModelRef.parse("openai:gpt-5")), CLOCK);

        assertEquals(file, edited.path().orElseThrow());
        edited.write(edited.path().orElseThrow());
        assertEquals(edited, Lockfile.read(file));
    }
}
