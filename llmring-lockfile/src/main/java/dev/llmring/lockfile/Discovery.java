package dev.llmring.lockfile;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where to look for a lockfile; the one rule the runtime and the CLI share. In order:
 * <ol>
 *   <li>the {@linkplain Builder#explicitPath explicit path}, if given (it must exist);
 *   <li>the file named by the environment variable {@value #PATH_VARIABLE}, if set (it must exist);
 *   <li>{@value #TOML_NAME}, then {@value #JSON_NAME}, in the working directory;
 *   <li>the classpath resource {@value #TOML_NAME} of the class loader.
 * </ol>
 * Relative paths are resolved against the working directory. A lockfile is never created by discovery. When
 * nothing is found, {@link Lockfile#discover} throws a {@link LockfileNotFoundException} listing every place
 * looked. The class loader also serves extends packages ({@code META-INF/llmring/<package>/llmring.lock}).
 *
 * <p>Immutable. {@link #defaults()} uses {@code System::getenv}, the JVM's working directory and the context class
 * loader; tests inject all three through the {@link #builder()}.
 */
public final class Discovery {
    /** Environment variable naming the lockfile to use. */
    public static final String PATH_VARIABLE = "LLMRING_LOCKFILE_PATH";
    /** Environment variable naming the profile to use. */
    public static final String PROFILE_VARIABLE = "LLMRING_PROFILE";
    /** The TOML lockfile name, also the classpath resource name. */
    public static final String TOML_NAME = "llmring.lock";
    /** The JSON lockfile name. */
    public static final String JSON_NAME = "llmring.lock.json";

    private final @Nullable Path explicitPath;
    private final Function<String, @Nullable String> environment;
    private final Path workingDirectory;
    private final ClassLoader classLoader;

    private Discovery(Builder b) {
        this.explicitPath = b.explicitPath;
        this.environment = b.environment;
        this.workingDirectory = b.workingDirectory;
        this.classLoader = b.classLoader;
    }

    /** {@return discovery with the process environment, working directory and context class loader} */
    public static Discovery defaults() {
        return builder().build();
    }

    /** {@return a builder starting from the process environment, working directory and context class loader} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the explicit path, if one was given} */
    public Optional<Path> explicitPath() {
        return Optional.ofNullable(explicitPath);
    }

    /** {@return the environment lookup} */
    public Function<String, @Nullable String> environment() {
        return environment;
    }

    /** {@return the directory relative paths are resolved against} */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** {@return the class loader for the classpath lockfile and extends packages} */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /**
     * Where a new lockfile belongs by this rule, for tools that create one: the explicit path, else the file named by
     * {@value #PATH_VARIABLE}, else {@value #TOML_NAME} in the working directory, resolved against the working
     * directory. Whether it exists is not checked, and the classpath is never a target. A lockfile written there is
     * the one {@link Lockfile#discover} then finds.
     *
     * @return the absolute path of the file to create
     */
    public Path target() {
        if (explicitPath != null) {
            return workingDirectory.resolve(explicitPath);
        }
        String fromEnv = environment.apply(PATH_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return workingDirectory.resolve(fromEnv.strip());
        }
        return workingDirectory.resolve(TOML_NAME);
    }

    Lockfile discover() {
        List<String> looked = new ArrayList<>();
        if (explicitPath != null) {
            return mustExist(workingDirectory.resolve(explicitPath), "explicit path");
        }
        String fromEnv = environment.apply(PATH_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return mustExist(workingDirectory.resolve(fromEnv.strip()), PATH_VARIABLE);
        }
        looked.add(PATH_VARIABLE + " (not set)");
        for (String name : List.of(TOML_NAME, JSON_NAME)) {
            Path candidate = workingDirectory.resolve(name);
            looked.add(candidate.toString());
            if (Files.isRegularFile(candidate)) {
                return Lockfile.read(candidate, classLoader);
            }
        }
        URL resource = classLoader.getResource(TOML_NAME);
        looked.add("classpath:" + TOML_NAME);
        if (resource != null) {
            return Lockfile.read(resource, classLoader);
        }
        throw new LockfileNotFoundException("no lockfile found", looked);
    }

    private Lockfile mustExist(Path path, String via) {
        if (!Files.isRegularFile(path)) {
            throw new LockfileNotFoundException(
                    "the lockfile named by " + via + " does not exist", List.of(path + " (" + via + ")"));
        }
        return Lockfile.read(path, classLoader);
    }

    @Override
    public String toString() {
        return "Discovery[explicitPath=" + explicitPath + ", workingDirectory=" + workingDirectory + "]";
    }

    /** Builds a {@link Discovery}; every setter validates at once. Not thread-safe. */
    public static final class Builder {
        private @Nullable Path explicitPath;
        private Function<String, @Nullable String> environment = System::getenv;
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private ClassLoader classLoader = defaultClassLoader();

        private Builder() {}

        /**
         * The lockfile to use instead of discovering one; none by default.
         *
         * @param path the lockfile to use, or null to discover; relative to the working directory
         * @return this builder
         */
        public Builder explicitPath(@Nullable Path path) {
            this.explicitPath = path;
            return this;
        }

        /**
         * Where environment variables are read; {@code System::getenv} by default.
         *
         * @param environment looks up environment variables ({@value Discovery#PATH_VARIABLE}, {@value Discovery#PROFILE_VARIABLE});
         *     returns null for unset
         * @return this builder
         */
        public Builder environment(Function<String, @Nullable String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The working directory; the process's by default.
         *
         * @param directory the directory searched for {@value Discovery#TOML_NAME} and relative paths are resolved against
         * @return this builder
         */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory =
                    Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /**
         * The class loader for classpath lookups; the thread's context class loader by default.
         *
         * @param loader the class loader searched for the classpath lockfile and extends packages
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** {@return the discovery} */
        public Discovery build() {
            return new Discovery(this);
        }
    }

    static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Discovery.class.getClassLoader();
    }
}
