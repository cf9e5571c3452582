package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    @TempDir
    Path dir;

    private final ClassLoader emptyLoader = Fixtures.loaderOf();

    private static String lockfileMarked(String origin) {
        return "version = \"1.0\"\n[metadata]\norigin = \"" + origin + "\"\n[profiles.default]\nname = \"default\"\n";
    }

    private Discovery.Builder in(Path workingDirectory, Map<String, String> env) {
        return Discovery.builder()
                .workingDirectory(workingDirectory)
                .environment(env::get)
                .classLoader(emptyLoader);
    }

    private static String origin(Lockfile lock) {
        return (String) lock.metadata().get("origin");
    }

    @Test
    void explicitPathComesFirst() {
        Path explicit = dir.resolve("explicit.lock");
        Fixtures.write(explicit, lockfileMarked("explicit"));
        Fixtures.write(dir.resolve("env.lock"), lockfileMarked("env"));
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("cwd"));
        Lockfile lock = Lockfile.discover(in(dir, Map.of("LLMRING_LOCKFILE_PATH", "env.lock"))
                .explicitPath(Path.of("explicit.lock"))
                .build());
        assertEquals("explicit", origin(lock));
        assertEquals(explicit.toString(), lock.source().orElseThrow());
    }

    @Test
    void missingExplicitPathIsAnErrorEvenWhenOthersExist() {
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("cwd"));
        LockfileNotFoundException e = assertThrows(
                LockfileNotFoundException.class,
                () -> Lockfile.discover(
                        in(dir, Map.of()).explicitPath(dir.resolve("nope.lock")).build()));
        assertEquals(1, e.placesLooked().size());
        assertTrue(e.placesLooked().get(0).contains("nope.lock"), e.getMessage());
    }

    @Test
    void environmentVariableComesBeforeTheWorkingDirectory() {
        Path other = dir.resolve("elsewhere");
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("cwd"));
        try {
            Files.createDirectories(other);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Fixtures.write(
                other.resolve("team.lock.json"),
                "{\"metadata\": {\"origin\": \"env\"}, \"profiles\": {\"default\": {}}}");
        Lockfile lock = Lockfile.discover(in(dir, Map.of("LLMRING_LOCKFILE_PATH", "elsewhere/team.lock.json"))
                .build());
        assertEquals("env", origin(lock));
    }

    @Test
    void missingFileNamedByTheEnvironmentIsAnError() {
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("cwd"));
        LockfileNotFoundException e = assertThrows(
                LockfileNotFoundException.class,
                () -> Lockfile.discover(
                        in(dir, Map.of("LLMRING_LOCKFILE_PATH", "gone.lock")).build()));
        assertTrue(e.getMessage().contains("LLMRING_LOCKFILE_PATH"), e.getMessage());
    }

    @Test
    void tomlInTheWorkingDirectoryComesBeforeJson() {
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("toml"));
        Fixtures.write(dir.resolve("llmring.lock.json"), "{\"metadata\": {\"origin\": \"json\"}}");
        assertEquals("toml", origin(Lockfile.discover(in(dir, Map.of()).build())));
    }

    @Test
    void jsonInTheWorkingDirectoryIsFoundWhenAlone() {
        Fixtures.write(dir.resolve("llmring.lock.json"), "{\"metadata\": {\"origin\": \"json\"}}");
        assertEquals("json", origin(Lockfile.discover(in(dir, Map.of()).build())));
    }

    @Test
    void workingDirectoryComesBeforeTheClasspath() throws IOException {
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("cwd"));
        try (URLClassLoader loader = Fixtures.loaderOf(jarWithLockfile("classpath"))) {
            assertEquals(
                    "cwd",
                    origin(Lockfile.discover(
                            in(dir, Map.of()).classLoader(loader).build())));
        }
    }

    @Test
    void classpathResourceFromTheTestClasspath() {
        Lockfile lock = Lockfile.discover(in(dir, Map.of())
                .classLoader(DiscoveryTest.class.getClassLoader())
                .build());
        assertEquals("test-classpath", origin(lock));
        assertTrue(
                lock.source().orElseThrow().endsWith("llmring.lock"),
                lock.source().orElseThrow());
    }

    @Test
    void classpathResourceFromAJar() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("cwd"));
        try (URLClassLoader loader = Fixtures.loaderOf(jarWithLockfile("jar"))) {
            Lockfile lock =
                    Lockfile.discover(in(empty, Map.of()).classLoader(loader).build());
            assertEquals("jar", origin(lock));
            assertTrue(
                    lock.source().orElseThrow().startsWith("jar:file:"),
                    lock.source().orElseThrow());
            LockfileException refused = assertThrows(
                    LockfileException.class,
                    () -> lock.write(Path.of(lock.source().orElseThrow())));
            assertTrue(refused.getMessage().contains("jar"), refused.getMessage());
        }
    }

    @Test
    void nothingFoundListsEveryPlaceLookedAndCreatesNothing() throws IOException {
        LockfileNotFoundException e = assertThrows(
                LockfileNotFoundException.class,
                () -> Lockfile.discover(in(dir, Map.of()).build()));
        assertEquals(
                List.of(
                        "LLMRING_LOCKFILE_PATH (not set)",
                        dir.resolve("llmring.lock").toString(),
                        dir.resolve("llmring.lock.json").toString(),
                        "classpath:llmring.lock"),
                e.placesLooked());
        for (String place : e.placesLooked()) {
            assertTrue(e.getMessage().contains(place), e.getMessage());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }

    @Test
    void blankEnvironmentVariableIsIgnored() {
        Fixtures.write(dir.resolve("llmring.lock"), lockfileMarked("cwd"));
        assertEquals(
                "cwd",
                origin(Lockfile.discover(
                        in(dir, Map.of("LLMRING_LOCKFILE_PATH", "  ")).build())));
    }

    @Test
    void targetIsTheExplicitPathFirst() {
        Discovery discovery = in(dir, Map.of("LLMRING_LOCKFILE_PATH", "env.lock"))
                .explicitPath(Path.of("conf/explicit.lock"))
                .build();
        assertEquals(dir.resolve("conf/explicit.lock"), discovery.target());
    }

    @Test
    void targetIsTheFileNamedByTheEnvironmentNext() {
        assertEquals(
                dir.resolve("conf/env.lock"),
                in(dir, Map.of("LLMRING_LOCKFILE_PATH", " conf/env.lock "))
                        .build()
                        .target());
    }

    @Test
    void targetIsLlmringLockInTheWorkingDirectoryOtherwise() {
        Fixtures.write(dir.resolve("llmring.lock.json"), "{}");
        assertEquals(
                dir.resolve("llmring.lock"),
                in(dir, Map.of("LLMRING_LOCKFILE_PATH", "")).build().target());
    }

    @Test
    void aLockfileWrittenAtTheTargetIsTheOneDiscovered() {
        Discovery discovery = in(dir, Map.of()).build();
        Lockfile.empty(Fixtures.CLOCK, List.of("only")).write(discovery.target());
        assertEquals(
                List.of("only"),
                List.copyOf(Lockfile.discover(discovery).profiles().keySet()));
    }

    private Path jarWithLockfile(String origin) {
        return Fixtures.jar(dir.resolve(origin + ".jar"), Map.of("llmring.lock", lockfileMarked(origin)));
    }
}
