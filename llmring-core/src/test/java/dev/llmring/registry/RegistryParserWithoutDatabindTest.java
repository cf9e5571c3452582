package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 18: reading a registry document loads no jackson-databind class. A class loader that holds core's classes,
 * jackson-core, SLF4J and JSpecify, and not jackson-databind, parses the registry fixture through
 * {@link RegistryParser} and gets the models the test class path's parser gets.
 */
class RegistryParserWithoutDatabindTest {
    @Test
    void aRegistryDocumentIsReadWithoutJacksonDatabindOnTheClassPath() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/registry-fixture/openai/models.json"));
        RegistryDocument expected = RegistryParser.parse(body, "openai", null, "fixture");
        assertTrue(expected.models().size() > 2, expected.toString());

        try (URLClassLoader loader = loaderOf(
                codeSource(RegistryParser.class),
                codeSource(JsonFactory.class),
                codeSource(LoggerFactory.class),
                codeSource(Nullable.class))) {
            assertThrows(
                    ClassNotFoundException.class, () -> loader.loadClass("com.fasterxml.jackson.databind.JsonNode"));

            Class<?> parser = loader.loadClass(RegistryParser.class.getName());
            Method parse = parser.getDeclaredMethod("parse", byte[].class, String.class, Integer.class, String.class);
            parse.setAccessible(true);
            Object doc = parse.invoke(null, body, "openai", null, "fixture");
            Method models = doc.getClass().getDeclaredMethod("models");
            models.setAccessible(true);

            assertEquals(loader, doc.getClass().getClassLoader());
            assertEquals(strings(expected.models()), strings((List<?>) models.invoke(doc)));

            // a malformed document is still a RegistryException, not a NoClassDefFoundError
            InvocationTargetException e = assertThrows(
                    InvocationTargetException.class,
                    () -> parse.invoke(null, "{\"models\":".getBytes(StandardCharsets.UTF_8), "openai", null, "x"));
            assertEquals(
                    RegistryException.class.getName(), e.getCause().getClass().getName());
        }
    }

    /** Each model's ref, limits, prices and flags, as text (the two loaders' ModelInfo classes differ). */
    private static List<String> strings(List<?> models) throws ReflectiveOperationException {
        List<String> out = new java.util.ArrayList<>();
        for (Object m : models) {
            Class<?> type = m.getClass();
            out.add(m + " " + type.getMethod("aliases").invoke(m) + " "
                    + type.getMethod("capabilities").invoke(m)
                    + " " + type.getMethod("maxInputTokens").invoke(m) + " "
                    + type.getMethod("cachedInputPrice").invoke(m));
        }
        return out;
    }

    private static URLClassLoader loaderOf(Path... paths) throws MalformedURLException {
        URL[] urls = new URL[paths.length];
        for (int i = 0; i < paths.length; i++) urls[i] = paths[i].toUri().toURL();
        return new URLClassLoader(urls, null);
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
