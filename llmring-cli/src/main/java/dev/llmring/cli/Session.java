package dev.llmring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Discovery;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileNotFoundException;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.Registry;
import dev.llmring.spi.ProviderFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
        Path explicit = options().lockfile;
        return Discovery.builder()
                .explicitPath(explicit)
                .environment(context.environment)
                .workingDirectory(context.workingDirectory)
                .build();
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
     * The lockfile for a command aimed at {@code target}: the discovered one; for a {@code provider:model} target of
     * a known provider, an empty lockfile (one empty {@code default} profile) when none is found.
     */
    Lockfile lockfileFor(String target) {
        try {
            return lockfile();
        } catch (LockfileNotFoundException e) {
            int colon = target.indexOf(':');
            if (colon <= 0 || !knownProviders().contains(target.substring(0, colon))) throw e;
            return Lockfile.parse("[profiles.default]\n", Format.TOML, "(no lockfile)");
        }
    }

    /** Where an edited lockfile goes: the file it was read from; a classpath lockfile cannot be edited. */
    Path writablePath(Lockfile lock) {
        String source = lock.source().orElse("");
        Path path;
        try {
            path = source.contains("!/") || source.startsWith("jar:") || source.startsWith("file:") ? null
                    : context.workingDirectory.resolve(source);
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !Files.isRegularFile(path)) {
            throw new CliFailure("the lockfile " + source + " is not a file that can be edited; pass --lockfile FILE");
        }
        return path;
    }

    /** The explicit path of {@code --lockfile}, if given, against the working directory. */
    Optional<Path> explicitLockfile() {
        return Optional.ofNullable(options().lockfile).map(context.workingDirectory::resolve);
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
        return factory.apiKeyEnvironmentVariables().stream().filter(v -> context.env(v) != null).findFirst();
    }

    /** Whether the provider can be called as far as credentials go: it needs no key, or one is set. */
    boolean hasCredentials(ProviderFactory factory) {
        return factory.apiKeyEnvironmentVariables().isEmpty() || keyVariable(factory).isPresent();
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
