package dev.llmring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Discovery;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileNotFoundException;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.Registry;
import dev.llmring.spi.ProviderFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One run of the command line: the context, the global options, and the shared ways commands find the lockfile,
 * choose the profile, build the registry, and print. Nothing here is state a command could not rebuild.
 */
final class Session {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliContext context;
    private @Nullable LlmringCommand root;
    private @Nullable Registry registry;

    Session(CliContext context) {
        this.context = context;
    }

    void root(LlmringCommand root) {
        this.root = root;
    }

    private LlmringCommand options() {
        if (root == null) throw new IllegalStateException("no root command");
        return root;
    }

    CliContext context() {
        return context;
    }

    PrintWriter out() {
        return context.out;
    }

    PrintWriter err() {
        return context.err;
    }

    boolean json() {
        return options().json;
    }

    boolean verbose() {
        return root != null && root.verbose;
    }

    boolean offline() {
        return options().offline;
    }

    // ---------------------------------------------------------------- lockfile

    Discovery discovery() {
        Discovery.Builder builder = Discovery.builder()
                .explicitPath(options().lockfile)
                .environment(context.environment)
                .workingDirectory(context.workingDirectory);
        if (context.classLoader != null) builder.classLoader(context.classLoader);
        return builder.build();
    }

    /** The lockfile by the library's discovery rule; its warnings go to stderr when verbose. */
    Lockfile lockfile() {
        Lockfile lock = Lockfile.discover(discovery());
        if (verbose()) {
            lock.warnings().forEach(w -> err().println("llmring: warning: " + w));
        }
        return lock;
    }

    /**
     * The lockfile for a command aimed at {@code target}: the discovered one; when none is found and the library
     * reads {@code target} as a model reference, an empty lockfile (one empty {@code default} profile).
     */
    Lockfile lockfileFor(String target) {
        try {
            return lockfile();
        } catch (LockfileNotFoundException e) {
            if (!ModelRef.isModelReference(target, knownProviders())) throw e;
            return Lockfile.empty(context.clock, List.of("default"));
        }
    }

    /** How output names where a lockfile came from: its source, or {@code (no lockfile)} for a built one. */
    static String source(Lockfile lock) {
        return lock.source().orElse("(no lockfile)");
    }

    /** Where an edited lockfile goes: the file it was read from. A classpath lockfile cannot be edited. */
    Path editablePath(Lockfile lock) {
        return lock.path()
                .orElseThrow(() -> new CliFailure("cannot edit the lockfile " + source(lock)
                        + ": it is a classpath resource, not a file; copy it to a file and pass --lockfile FILE"));
    }

    /** The profile: {@code explicit} if given, else {@code LLMRING_PROFILE}, else the lockfile's default. */
    Profile profile(Lockfile lock, @Nullable String explicit) {
        return lock.profile(explicit, context.environment);
    }

    // ---------------------------------------------------------------- providers and registry

    Set<String> knownProviders() {
        Set<String> names = new TreeSet<>();
        context.factories.forEach(f -> names.add(f.name()));
        return names;
    }

    Optional<ProviderFactory> factory(String provider) {
        return context.factories.stream().filter(f -> f.name().equals(provider)).findFirst();
    }

    /** The environment variable holding the provider's key, if one is set; empty also when none is needed. */
    Optional<String> keyVariable(ProviderFactory factory) {
        return factory.apiKeyEnvironmentVariables().stream()
                .filter(v -> context.env(v) != null)
                .findFirst();
    }

    /** Whether the provider can be called as far as credentials go: it needs no key, or one is set. */
    boolean hasCredentials(ProviderFactory factory) {
        return factory.apiKeyEnvironmentVariables().isEmpty()
                || keyVariable(factory).isPresent();
    }

    Registry registry() {
        if (registry == null) {
            Registry.Builder builder = Registry.builder()
                    .environment(context.environment)
                    .clock(context.clock)
                    .offline(offline());
            String url = options().registryUrl;
            try {
                if (url != null) {
                    builder.baseUrl(url.startsWith("/") ? Path.of(url).toUri().toString() : url);
                }
                context.registryTweaks.accept(builder);
                registry = builder.build();
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage(), url != null ? ExitCodes.USAGE : ExitCodes.FINDING);
            }
        }
        return registry;
    }

    // ---------------------------------------------------------------- output

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    void printJson(Object node) {
        try {
            out().println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
