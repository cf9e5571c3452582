package dev.llmring.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A WireMock server on loopback serving the hand-written registry fixture under /registry. */
final class RegistryServer implements AutoCloseable {
    static final Path FIXTURE = fixtureDir();

    final WireMockServer wm;

    RegistryServer() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        serveFixture();
    }

    void serveFixture() {
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String path = "/registry/" + FIXTURE.relativize(f).toString().replace('\\', '/');
                try {
                    wm.stubFor(get(urlEqualTo(path))
                            .willReturn(aResponse()
                                    .withStatus(200)
                                    .withHeader("Content-Type", "application/json")
                                    .withBody(Files.readAllBytes(f))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + wm.port() + "/registry";
    }

    int requests(String path) {
        return wm.countRequestsMatching(
                        getRequestedFor(urlEqualTo("/registry/" + path)).build())
                .getCount();
    }

    Registry.Builder registry(Path cacheDir) {
        return Registry.builder()
                .baseUrl(baseUrl())
                .allowHttpLoopbackForTesting()
                .cacheDirectory(cacheDir)
                .environment(name -> null);
    }

    private static Path fixtureDir() {
        try {
            return Path.of(RegistryServer.class
                            .getResource("/registry-fixture/openai/models.json")
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
}
