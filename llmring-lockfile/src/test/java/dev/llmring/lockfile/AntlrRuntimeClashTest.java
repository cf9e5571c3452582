package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * An application may carry a newer ANTLR runtime than the one the TOML parser was generated with. The parser must not
 * use it (ANTLR prints a version warning for every mismatched generated class), so the lockfile loads in silence.
 */
class AntlrRuntimeClashTest {
    @Test
    void lockfileLoadsWithoutAntlrVersionWarningsWhenAntlr413IsOnTheClassPath() throws Exception {
        // A fresh loader (the parser's static initialisers run again) that finds ANTLR 4.13 first.
        try (URLClassLoader loader = Fixtures.loaderOf(
                jarOf("org/antlr/v4/runtime/RuntimeMetaData.class"),
                codeSource(Lockfile.class),
                jarOf("org/tomlj/Toml.class"),
                codeSource(ObjectMapper.class),
                codeSource(JsonFactory.class))) {
            Class<?> runtime = loader.loadClass("org.antlr.v4.runtime.RuntimeMetaData");
            assertEquals(
                    "4.13",
                    runtime.getMethod("getMajorMinorVersion", String.class)
                            .invoke(null, runtime.getField("VERSION").get(null)));

            String stderr = stderrOf(() -> {
                try {
                    Class<?> lockfile = loader.loadClass(Lockfile.class.getName());
                    Class<?> format = loader.loadClass(Format.class.getName());
                    Object toml = format.getField("TOML").get(null);
                    lockfile.getMethod("parse", String.class, format, String.class)
                            .invoke(null, Fixtures.resource("llmring.lock"), toml, "llmring.lock");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            });

            assertTrue(stderr.isEmpty(), stderr);
        }
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Path jarOf(String resource) throws URISyntaxException {
        URL url = Objects.requireNonNull(ClassLoader.getSystemResource(resource), resource);
        String jar = url.toString().replaceFirst("^jar:", "").replaceFirst("!/.*$", "");
        return Path.of(new java.net.URI(jar));
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
