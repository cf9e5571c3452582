package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock registry on loopback serving {@code src/test/resources/registry}: openai (current version 2, snapshots 1
 * and 2) and anthropic (current version 3, snapshot 3). Other providers answer 404, as the real registry does for
 * ollama. It only serves fixtures, so one is shared by every test of a run ({@link Shared}).
 */
final class RegistryStub implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    static final Path FIXTURE = fixture();

    private final WireMockServer wm;

    RegistryStub() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            files.filter(Files::isRegularFile)
                    .forEach(f -> serve(FIXTURE.relativize(f).toString().replace('\\', '/'), read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code body} at {@code {base}/path}. */
    void serve(String path, String body) {
        wm.stubFor(get(urlEqualTo("/registry/" + path))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + wm.port() + "/registry";
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fixture() {
        try {
            return Path.of(RegistryStub.class
                            .getResource("/registry/openai/models.json")
                            .toURI())
                    .getParent()
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        wm.stop();
    }

    /** Starts one stub for the whole test run, kept in JUnit's root store, which stops it when the run ends. */
    static final class Shared implements BeforeAllCallback {
        private volatile @Nullable RegistryStub stub;

        @Override
        public void beforeAll(ExtensionContext context) {
            stub = context.getRoot()
                    .getStore(ExtensionContext.Namespace.create(RegistryStub.class))
                    .getOrComputeIfAbsent(RegistryStub.class, k -> new RegistryStub(), RegistryStub.class);
        }

        RegistryStub stub() {
            RegistryStub started = stub;
            if (started == null) throw new IllegalStateException("the registry stub starts before all tests");
            return started;
        }
    }
}
