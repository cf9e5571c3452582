package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.json;
import static dev.llmring.lockfile.Fixtures.resource;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    @TempDir
    Path dir;

    private final Lockfile python = toml(resource("python/toml-dump.lock"));

    @Test
    void tomlWrittenThenReadIsEqual() {
        assertEquals(python, toml(python.toToml()));
    }

    @Test
    void jsonWrittenThenReadIsEqual() {
        assertEquals(python, json(python.toJson()));
    }

    @Test
    void tomlToJsonToTomlIsStable() {
        String once = python.toToml();
        assertEquals(once, json(toml(once).toJson()).toToml());
    }

    @Test
    void writeChoosesTheFormatBySuffix() throws IOException {
        Path tomlFile = dir.resolve("llmring.lock");
        Path jsonFile = dir.resolve("llmring.lock.json");
        python.write(tomlFile);
        python.write(jsonFile);
        assertTrue(Files.readString(tomlFile).startsWith("version = \"1.0\""));
        assertTrue(Files.readString(jsonFile).startsWith("{"));
        assertEquals(python, Lockfile.read(tomlFile));
        assertEquals(python, Lockfile.read(jsonFile));
        assertEquals(tomlFile.toString(), Lockfile.read(tomlFile).source().orElseThrow());
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("llmring.lock");
        Files.writeString(file, "old");
        python.write(file);
        assertEquals(python, Lockfile.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.collect(java.util.stream.Collectors.toList()));
        }
    }

    @Test
    void writeRefusesAPathInsideAJar() throws IOException {
        Path jar = Fixtures.jar(dir.resolve("app.jar"), Map.of("llmring.lock", python.toToml()));
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            LockfileException e =
                    assertThrows(LockfileException.class, () -> python.write(zip.getPath("llmring.lock")));
            assertTrue(e.getMessage().contains("jar"), e.getMessage());
        }
    }

    @Test
    void writeRefusesAJarUrlPath() {
        Path path = Path.of("jar:file:" + dir.resolve("app.jar") + "!", "llmring.lock");
        assertThrows(LockfileException.class, () -> python.write(path));
    }

    @Test
    void keepsUnknownKeysMetadataAndConstraintsOnRoundTrip() {
        String text = "version = \"1.1\"\nfuture_flag = true\nnested = { a = [1, 2.5], b = \"x\" }\n"
                + "[metadata]\nowner = \"team-a\"\ntags = [\"x\", \"y\"]\nwhen = 2025-01-02T03:04:05Z\n"
                + "[profiles.default]\nname = \"default\"\ncolor = \"blue\"\n"
                + "[[profiles.default.bindings]]\nalias = \"a\"\nmodels = [\"openai:gpt-4o\"]\nnote = \"hi\"\n"
                + "[profiles.default.bindings.constraints]\nmax_cost_usd_per_call = 0.05\nlimits = { rpm = 60 }\n";
        Lockfile lock = toml(text);
        assertEquals(4, lock.warnings().size(), lock.warnings()::toString);
        Lockfile back = toml(lock.toToml());
        assertEquals(lock, back);
        assertEquals("1.1", back.version());
        assertTrue(back.toToml().contains("future_flag = true"));
        assertTrue(back.toToml().contains("color = \"blue\""));
        assertTrue(back.toToml().contains("note = \"hi\""));
        assertEquals(
                Map.of("rpm", 60L),
                back.profile("default").binding("a").orElseThrow().constraints().get("limits"));
        Lockfile viaJson = json(lock.toJson());
        assertEquals(lock.profiles(), viaJson.profiles());
        assertEquals("2025-01-02T03:04:05Z", viaJson.metadata().get("when")); // JSON has no date-time type
    }

    @Test
    void escapesStringsProperly() {
        Lockfile lock = toml("[metadata]\ntext = \"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é 😀\"\n"
                + "\"key with spaces.and.dots\" = 1\n[profiles.\"team.a\"]\n");
        Lockfile back = toml(lock.toToml());
        assertEquals(lock, back);
        assertEquals(
                "quote \" backslash \\ newline \n tab \t bell \u0007 é 😀",
                back.metadata().get("text"));
        assertEquals(1L, back.metadata().get("key with spaces.and.dots"));
        assertTrue(back.profiles().containsKey("team.a"));
        assertEquals(lock, json(lock.toJson()));
    }

    @Test
    void dropsJsonNullsInFreeFormTablesWithAWarning() {
        Lockfile lock = json("{\"metadata\": {\"a\": null, \"b\": 1}, \"profiles\": {\"default\": {}}}");
        assertEquals(Map.of("b", 1L), lock.metadata());
        assertEquals(1, lock.warnings().size());
        assertFalse(lock.toToml().contains("a ="));
    }
}
