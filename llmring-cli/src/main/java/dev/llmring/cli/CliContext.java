package dev.llmring.cli;

import dev.llmring.registry.Registry;
import dev.llmring.spi.ProviderFactory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a command reads from or writes to the world. {@link #system()} is the real process; tests build their
 * own with temporary directories, captured writers and a fixed clock.
 */
final class CliContext {
    final PrintWriter out;
    final PrintWriter err;
    final InputStream in;
    final Function<String, @Nullable String> environment;
    final Path workingDirectory;
    final Clock clock;
    final List<ProviderFactory> factories;
    /** Applied last to every registry the commands build (tests: allow plain-http loopback, a cache directory). */
    final Consumer<Registry.Builder> registryTweaks;
    /** Whether a person is typing: {@code chat} then prompts on stderr. */
    final boolean terminal;
    /** Where discovery looks for the classpath lockfile and extends packages; null: the library's default. */
    final @Nullable ClassLoader classLoader;

    private CliContext(Builder b) {
        this.out = b.out;
        this.err = b.err;
        this.in = b.in;
        this.environment = b.environment;
        this.workingDirectory = b.workingDirectory;
        this.clock = b.clock;
        this.factories = List.copyOf(b.factories);
        this.registryTweaks = b.registryTweaks;
        this.terminal = b.terminal;
        this.classLoader = b.classLoader;
    }

    static CliContext system() {
        return builder().terminal(System.console() != null).build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Looks an environment variable up; blank counts as unset. */
    @Nullable
    String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    static final class Builder {
        private PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        private PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        private InputStream in = System.in;
        private Function<String, @Nullable String> environment = System::getenv;
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private Clock clock = Clock.systemUTC();
        private @Nullable List<ProviderFactory> factories;
        private Consumer<Registry.Builder> registryTweaks = b -> {};
        private boolean terminal;
        private @Nullable ClassLoader classLoader;

        Builder out(PrintWriter out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        Builder err(PrintWriter err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        Builder in(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
            return this;
        }

        Builder environment(Function<String, @Nullable String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        Builder workingDirectory(Path directory) {
            this.workingDirectory =
                    Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Builder factories(List<ProviderFactory> factories) {
            this.factories = List.copyOf(factories);
            return this;
        }

        Builder registryTweaks(Consumer<Registry.Builder> tweaks) {
            this.registryTweaks = Objects.requireNonNull(tweaks, "tweaks");
            return this;
        }

        Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        CliContext build() {
            if (factories == null) {
                List<ProviderFactory> found = new ArrayList<>();
                ServiceLoader.load(ProviderFactory.class, CliContext.class.getClassLoader())
                        .forEach(found::add);
                factories = found;
            }
            return new CliContext(this);
        }
    }
}
