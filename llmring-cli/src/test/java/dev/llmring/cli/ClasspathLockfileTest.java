package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lockfile found on the classpath (the last place discovery looks) can be read, never edited in place. */
class ClasspathLockfileTest extends CliTestBase {
    private URLClassLoader loader;

    /** Puts the fixture lockfile on the class path the command sees: in a jar, or in a directory. */
    private String onTheClasspath(boolean inAJar) {
        Path root;
        if (inAJar) {
            root = Fixtures.jar(dir.resolve("app.jar"), "llmring.lock", Fixtures.LOCKFILE);
        } else {
            root = dir.resolve("classes");
            Fixtures.write(root, "llmring.lock", Fixtures.LOCKFILE);
        }
        try {
            loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        cli.classLoader = loader;
        return loader.getResource("llmring.lock").toString();
    }

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) loader.close();
    }

    @Test
    void aliasesReadsALockfileFromAJarOnTheClasspath() {
        String source = onTheClasspath(true);

        CliRunner.Result r = cli.run("aliases");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Profile default (" + source + ")\n"), r::toString);
    }

    @Test
    void bindRefusesToEditALockfileFromAJarNamingIt() {
        String source = onTheClasspath(true);

        CliRunner.Result r = cli.run("bind", "fast", "openai:gpt-5-nano");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(source.startsWith("jar:file:"), source);
        assertEquals(
                "llmring: cannot edit the lockfile " + source + ": it is a classpath resource, not a file;"
                        + " copy it to a file and pass --lockfile FILE\n",
                r.err());
    }

    @Test
    void unbindRefusesToEditALockfileFromAClasspathDirectoryNamingIt() {
        String source = onTheClasspath(false);

        CliRunner.Result r = cli.run("unbind", "summarizer");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: cannot edit the lockfile " + source + ": "), r::toString);
        assertEquals(Fixtures.LOCKFILE, Fixtures.read(dir.resolve("classes/llmring.lock")));
    }

    @Test
    void bumpRegistryRefusesToEditAClasspathLockfile() {
        String source = onTheClasspath(true);

        CliRunner.Result r = cli.run("lock", "bump-registry");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: cannot edit the lockfile " + source + ": "), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
    }

    @Test
    void bindFromTheClasspathCreatesNoLockfileInTheWorkingDirectory() {
        onTheClasspath(true);

        cli.run("bind", "fast", "openai:gpt-5-nano");

        assertFalse(Files.exists(dir.resolve("llmring.lock")));
    }
}
