package dev.llmring.lockfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Shared test helpers: resources, jars, a fixed clock, and key-shaped strings built at run time. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-01T08:30:15.123456789Z"), ZoneOffset.UTC);

    private Fixtures() {}

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Lockfile toml(String text) {
        return Lockfile.parse(text, Format.TOML, "test.lock");
    }

    static Lockfile json(String text) {
        return Lockfile.parse(text, Format.JSON, "test.lock.json");
    }

    /** A jar holding the given entries (name to UTF-8 text), built with java.util.jar. */
    static Path jar(Path file, Map<String, String> entries) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A class loader seeing only the given jars or directories (no parent resources). */
    static URLClassLoader loaderOf(Path... paths) {
        URL[] urls = new URL[paths.length];
        for (int i = 0; i < paths.length; i++) {
            try {
                urls[i] = paths[i].toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new URLClassLoader(urls, null);
    }

    static void write(Path file, String text) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Key-shaped test strings are assembled at run time so that no key-like literal sits in the sources.
    // They are fake: a fixed filler, never a real credential.

    static String openAiShaped() {
        return "s" + "k-" + "proj-" + "FAKE0test0FAKE0test0FAKE0test";
    }

    static String anthropicShaped() {
        return "s" + "k-" + "ant-" + "api03-" + "FAKE0test0FAKE0test0FAKE0test";
    }

    static String googleShaped() {
        return "AI" + "za" + "FAKE0test0FAKE0test0FAKE0test0FAKE0te";
    }

    static String highEntropy() {
        return "Zq8" + "Wm3Rt7Yp2Kx9Lb4Nc6Vd1Hs5";
    }
}
