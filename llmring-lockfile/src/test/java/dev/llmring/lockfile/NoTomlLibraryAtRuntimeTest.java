package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lockfile reads TOML with its own parser: a class loader that holds the lockfile module and Jackson, and neither
 * tomlj nor an ANTLR runtime (test scope only since issue 18), reads a TOML lockfile.
 */
class NoTomlLibraryAtRuntimeTest {
    @Test
    void aTomlLockfileIsReadWithoutTomljOrAntlrOnTheClassPath() throws Exception {
        try (URLClassLoader loader = Fixtures.loaderOf(
                codeSource(Lockfile.class),
                codeSource(ObjectMapper.class),
                codeSource(JsonFactory.class),
                codeSource(com.fasterxml.jackson.annotation.JsonProperty.class))) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.tomlj.Toml"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.antlr.v4.runtime.Parser"));

            Class<?> lockfile = loader.loadClass(Lockfile.class.getName());
            Class<?> format = loader.loadClass(Format.class.getName());
            Object parsed = lockfile.getMethod("parse", String.class, format, String.class)
                    .invoke(
                            null,
                            Fixtures.resource("llmring.lock"),
                            format.getField("TOML").get(null),
                            "llmring.lock");

            assertEquals(lockfile, parsed.getClass());
            assertEquals(
                    Fixtures.toml(Fixtures.resource("llmring.lock")).profiles().keySet(),
                    ((Map<?, ?>) lockfile.getMethod("profiles").invoke(parsed)).keySet());
        }
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
