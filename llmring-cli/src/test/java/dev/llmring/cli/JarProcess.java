package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged CLI jar run as a process of its own (failsafe, after {@code package}), in a test's directory, with an
 * environment that inherits no provider key, base URL or {@code LLMRING_} variable from the machine, reads the
 * registry from the test resources and caches under the directory.
 */
final class JarProcess {
    /** The shaded jar {@code package} built. */
    static final Path JAR =
            Path.of(System.getProperty("llmring.jar", "target/llmring.jar")).toAbsolutePath();

    /** The registry documents the tests read (as {@code LLMRING_REGISTRY_URL}). */
    static final Path REGISTRY = Path.of("src/test/resources/registry").toAbsolutePath();

    private JarProcess() {}

    /** {@code java -jar llmring.jar ARGS...} with this JVM's {@code java}. */
    static List<String> jar(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** This JVM's {@code java} launcher. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A process of {@code command} in {@code dir}, its output in {@code dir/NAME.out} and {@code dir/NAME.err}, and
     * {@code env} added to the clean environment described above.
     */
    static ProcessBuilder in(Path dir, String name, List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        Map<String, String> environment = pb.environment();
        environment
                .keySet()
                .removeIf(k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL") || k.startsWith("LLMRING_"));
        environment.put("XDG_CACHE_HOME", dir.resolve(".cache").toString());
        environment.put("LLMRING_REGISTRY_URL", REGISTRY.toString());
        environment.putAll(env);
        return pb;
    }

    /**
     * A started loopback fake of OpenAI's Chat Completions ({@code POST /v1/chat/completions}) that answers every call
     * with one completion shaped like recorded traffic, of {@code model}, after {@code delayMillis}. The caller stops it.
     */
    static WireMockServer fakeOpenAi(int threads, String model, int delayMillis) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(threads));
        server.start();
        String body = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
                + "\"created\":1741569952,\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"fine\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                + "\"total_tokens\":15},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}";
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)
                        .withFixedDelay(delayMillis)));
        return server;
    }
}
