package dev.llmring.cli;

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
}
