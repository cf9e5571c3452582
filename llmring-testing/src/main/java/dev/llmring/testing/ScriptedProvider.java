package dev.llmring.testing;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A provider that answers from {@link Script}s, for testing applications offline through the real stack. Bind it in
 * the lockfile's test profile like any provider ({@code scripted:happy}, {@code scripted:flaky}); the model name is
 * the script's name. It needs no API key.
 *
 * <p>The adapter is an ordinary one whose endpoint is a loopback HTTP server (127.0.0.1, ephemeral port, daemon
 * threads, started on the first call), so the core's transport, retries, timeouts, {@code Retry-After} handling,
 * failover and stream decoding all run exactly as with a real provider.
 *
 * <p>Scripts are found, in order: given in code to {@link Builder#script(Script)}; as {@code <name>.json} in
 * {@link Builder#scriptsDirectory(Path)}, then in the directory named by the environment variable
 * {@value #SCRIPTS_ENV}; as the class-path resource {@code META-INF/llmring/scripts/<name>.json} (e.g. under
 * {@code src/test/resources}). The JSON format is described in {@code docs/testing.md}. A model with no script
 * answers 404 (model not found), which fails over like a real unknown model.
 *
 * <p>{@code ServiceLoader} finds the no-argument instance (file scripts only); register a built instance on the
 * {@code LlmRing} builder to use scripts defined in code:
 *
 * <pre>{@code
 * ScriptedProvider scripted = ScriptedProvider.builder()
 *         .script(ScriptedProvider.script("flaky").failWith(503).then().reply("hello").build())
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe. Each adapter it creates (one per client) keeps its own position in every script.
 */
public final class ScriptedProvider implements ProviderFactory {
    /** The provider name lockfiles use: {@code scripted}. */
    public static final String NAME = "scripted";
    /** The environment variable naming a directory of {@code <name>.json} scripts. */
    public static final String SCRIPTS_ENV = "LLMRING_SCRIPTS";

    private final String name;
    private final Map<String, Script> scripts;
    private final @Nullable Path directory;

    /** The instance {@code ServiceLoader} creates: named {@code scripted}, scripts from files only. */
    public ScriptedProvider() {
        this(NAME, Map.of(), null);
    }

    private ScriptedProvider(String name, Map<String, Script> scripts, @Nullable Path directory) {
        this.name = name;
        this.scripts = Map.copyOf(scripts);
        this.directory = directory;
    }

    /**
     * Starts a script for model {@code name}; shorthand for {@link Script#builder(String)}.
     *
     * @param name the model name the script answers for
     * @return a script builder at step 1
     * @throws IllegalArgumentException unless 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}
     */
    public static Script.Builder script(String name) {
        return Script.builder(name);
    }

    /** {@return a builder serving under {@code scripted}, with no scripts and no directory} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the provider name this factory serves under; {@code scripted} unless the builder set another} */
    @Override
    public String name() {
        return name;
    }

    /** {@return no variables: the scripted provider needs no key} */
    @Override
    public List<String> apiKeyEnvironmentVariables() {
        return List.of();
    }

    /**
     * An adapter serving under {@code config.name()}, with a fresh position in every script. Reads
     * {@value #SCRIPTS_ENV} through the config's environment. Does not start the server.
     *
     * @param config the client's provider config; only its name and environment are used
     * @return the adapter
     */
    @Override
    public ProviderAdapter create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        List<Path> directories = new ArrayList<>(2);
        if (directory != null) directories.add(directory);
        config.env(SCRIPTS_ENV).ifPresent(d -> directories.add(Path.of(d)));
        ScriptSession session = new ScriptSession(new ScriptBook(scripts, directories));
        ScriptServer.register(session);
        return new ScriptedAdapter(config.name(), session);
    }

    @Override
    public String toString() {
        return "ScriptedProvider[" + name + ", scripts=" + scripts.keySet()
                + (directory == null ? "" : ", directory=" + directory) + "]";
    }

    /** Builds a {@link ScriptedProvider}. */
    public static final class Builder {
        private String name = NAME;
        private final Map<String, Script> scripts = new LinkedHashMap<>();
        private @Nullable Path directory;

        private Builder() {}

        /**
         * The provider name to serve under (default {@code scripted}).
         *
         * @param name the provider name, as written in lockfile references
         * @return this builder
         * @throws IllegalArgumentException unless lower-case letters, digits, {@code _} or {@code -}, starting with
         *     a letter
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalArgumentException(
                        "provider name must be lower-case letters, digits, '_' or '-', was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds a script, answering the model of its name.
         *
         * @param script the script
         * @return this builder
         * @throws IllegalArgumentException when a script of that name was already added
         */
        public Builder script(Script script) {
            Objects.requireNonNull(script, "script");
            if (scripts.putIfAbsent(script.name(), script) != null) {
                throw new IllegalArgumentException("a script named '" + script.name() + "' was already added");
            }
            return this;
        }

        /**
         * A directory of {@code <name>.json} scripts, searched before {@value #SCRIPTS_ENV} and the class path. None
         * by default.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder scriptsDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** {@return the provider factory, to register with {@code LlmRing.Builder.provider}} */
        public ScriptedProvider build() {
            return new ScriptedProvider(name, scripts, directory);
        }
    }
}
