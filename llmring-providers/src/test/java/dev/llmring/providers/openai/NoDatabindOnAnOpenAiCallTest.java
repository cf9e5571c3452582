package dev.llmring.providers.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.llmring.providers.testsupport.WireResponses.eventStream;
import static dev.llmring.providers.testsupport.WireResponses.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.llmring.LlmRing;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A plain OpenAI call, streamed or not, reads and writes its JSON with jackson-core's streaming parser and generator
 * and never builds an {@code ObjectMapper}, which loads some 500 classes and holds about a megabyte. A client in a
 * class loader of its own (llmring and Jackson, nothing of the test's) calls the alias; the loader records every class
 * it loads, and {@code ObjectMapper} is not among them.
 */
class NoDatabindOnAnOpenAiCallTest {
    private final WireMockServer server =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aChatAndAStreamNeedNoJacksonDatabind() throws Exception {
        server.start();
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(WireMock.containing("\"stream\":true"))
                .willReturn(eventStream(resource("openai/stream-text.sse"))));
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(WireMock.notContaining("\"stream\":true"))
                .willReturn(json(200, resource("openai/response-text.json"))));

        try (Recording loader = new Recording(urls(
                OpenAiCallDriver.class,
                LlmRing.class,
                Lockfile.class,
                ProviderJson.class,
                JsonFactory.class,
                ObjectMapper.class,
                JsonProperty.class,
                LoggerFactory.class))) {
            @SuppressWarnings("unchecked")
            Function<String, String> driver =
                    (Function<String, String>) loader.loadClass(OpenAiCallDriver.class.getName())
                            .getConstructor()
                            .newInstance();

            // the providers are found by ServiceLoader through the context class loader
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            String answers;
            try {
                answers = driver.apply(server.baseUrl() + "/v1");
            } finally {
                Thread.currentThread().setContextClassLoader(context);
            }

            String[] texts = answers.split("\n", -1);
            assertEquals(2, texts.length, answers);
            assertFalse(texts[0].isEmpty(), "chat answered no text");
            assertFalse(texts[1].isEmpty(), "stream answered no text");
            assertEquals(2, server.getAllServeEvents().size());
            assertTrue(loader.loaded.contains(OpenAiCallDriver.class.getName()), "the driver ran elsewhere");
            assertFalse(
                    loader.loaded.contains(ObjectMapper.class.getName()), "a plain OpenAI call built an ObjectMapper");
        }
    }

    /** Loads llmring and Jackson itself (never from the test's own loaders) and records every class it loads. */
    private static final class Recording extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        Recording(URL[] urls) {
            super(urls, new JdkOnly());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            loaded.add(name);
            return c;
        }
    }

    /**
     * The JDK's classes and nothing else. The platform class loader itself would not do as the parent: it finds the
     * classes of every module in the boot layer, which holds llmring and all of Jackson when tests run on the module
     * path.
     */
    private static final class JdkOnly extends ClassLoader {
        JdkOnly() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.llmring.") || name.startsWith("com.fasterxml.") || name.startsWith("org.slf4j.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private static URL[] urls(Class<?>... types) throws URISyntaxException, MalformedURLException {
        URL[] urls = new URL[types.length];
        for (int i = 0; i < types.length; i++) {
            urls[i] = Path.of(types[i].getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toUri()
                    .toURL();
        }
        return urls;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NoDatabindOnAnOpenAiCallTest.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IOException("no test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
