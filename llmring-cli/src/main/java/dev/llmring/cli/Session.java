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
import dev.llmring.registry.RegistryException;
import dev.llmring.registry.RegistryUnavailableException;
import dev.llmring.spi.ProviderFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One run of the command line: the context, the global options, and the shared ways commands find the lockfile,
 * choose the profile, build the registry, and print. Nothing here is state a command could not rebuild.
 */
final class Session {
    /** Jackson, made on first use: a command that prints no JSON does not pay for loading it (see performance.md). */
    static ObjectMapper mapper() {
        return JsonHolder.MAPPER;
    }

    private static final class JsonHolder {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The scripted provider of llmring-testing, and the variable naming its scripts directory. */
    static final String SCRIPTED = "scripted";

    static final String SCRIPTS_VARIABLE = "LLMRING_SCRIPTS";

    private final CliContext context;
    private @Nullable LlmringCommand root;
    private @Nullable Registry registry;
    private @Nullable List<ProviderFactory> factories;

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

    /** Whether {@code --json} was given, safe to ask even before the command line was parsed. */
    boolean jsonRequested() {
        return root != null && root.json;
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
                .environment(environment())
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
        return lock.profile(explicit, environment());
    }

    // ---------------------------------------------------------------- providers and registry

    /** The context's environment, with {@code LLMRING_SCRIPTS} set by {@code --scripts}. */
    Function<String, @Nullable String> environment() {
        Path scripts = options().scripts;
        if (scripts == null) return context.environment;
        String dir = context.workingDirectory.resolve(scripts).toString();
        return name -> name.equals(SCRIPTS_VARIABLE) ? dir : context.environment.apply(name);
    }

    /**
     * The providers commands know: the adapters found (the scripted provider only when scripts are asked for, by
     * {@code --scripts} or {@code LLMRING_SCRIPTS}), then the servers declared by {@code --provider-endpoint} and
     * {@code LLMRING_PROVIDER_ENDPOINTS}.
     */
    List<ProviderFactory> factories() {
        if (factories != null) return factories;
        List<ProviderFactory> all = new ArrayList<>();
        boolean scripts = environment().apply(SCRIPTS_VARIABLE) != null;
        for (ProviderFactory f : context.factories) {
            if (scripts || !f.name().equals(SCRIPTED)) all.add(f);
        }
        List<ProviderEndpoint> endpoints;
        try {
            endpoints = ProviderEndpoint.all(options().providerEndpoints, context.environment);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), ExitCodes.USAGE, "usage");
        }
        for (ProviderEndpoint e : endpoints) {
            ProviderFactory protocol = ProviderEndpoint.find(context.factories, e.protocol())
                    .orElseThrow(() -> new CliFailure(
                            "provider endpoint " + e + ": no adapter speaks protocol '" + e.protocol() + "' (known: "
                                    + String.join(", ", builtInProviders()) + ")",
                            ExitCodes.USAGE,
                            "usage"));
            all.removeIf(f -> f.name().equals(e.name()));
            all.add(e.factory(protocol));
        }
        factories = List.copyOf(all);
        return factories;
    }

    /** The names of the adapters found, without the scripted provider: the providers the registry may know. */
    Set<String> builtInProviders() {
        Set<String> names = new TreeSet<>();
        context.factories.stream()
                .map(ProviderFactory::name)
                .filter(n -> !n.equals(SCRIPTED))
                .forEach(names::add);
        return names;
    }

    Set<String> knownProviders() {
        Set<String> names = new TreeSet<>();
        factories().forEach(f -> names.add(f.name()));
        return names;
    }

    Optional<ProviderFactory> factory(String provider) {
        return ProviderEndpoint.find(factories(), provider);
    }

    /** The environment variable holding the provider's key, if one is set; empty also when none is needed. */
    Optional<String> keyVariable(ProviderFactory factory) {
        return factory.apiKeyEnvironmentVariables().stream()
                .filter(v -> context.env(v) != null)
                .findFirst();
    }

    /**
     * A registry failure as a person needs it: what failed and, when the registry could not be reached, how to work
     * without it (exit 1, type {@code registry_unavailable} or {@code registry}).
     */
    static CliFailure registryFailure(String what, RegistryException e) {
        boolean unavailable = e instanceof RegistryUnavailableException;
        return new CliFailure(
                what + ": " + e.getMessage() + (unavailable ? "; " + UNREACHABLE_ADVICE : ""),
                ExitCodes.FINDING,
                unavailable ? "registry_unavailable" : "registry");
    }

    private static final java.util.regex.Pattern BUILDER_ADVICE = java.util.regex.Pattern.compile(
            ", or call apiKey\\(\"[^\"]*\", \\.\\.\\.\\) on the builder|LlmRing\\.builder\\(\\)\\.remoteUrls\\(\\.\\.\\.\\) or ");

    /** A library message as advice for the command line: flags and variables, not the builder's methods. */
    static String forCommandLine(String message) {
        return BUILDER_ADVICE.matcher(message).replaceAll("");
    }

    /** What to do when the registry cannot be reached, in flags and variables. */
    static final String UNREACHABLE_ADVICE = "the registry is unreachable: use the disk cache with --offline, or point"
            + " --registry-url (or LLMRING_REGISTRY_URL) at a local copy (a file: URL or the absolute path of a"
            + " directory holding PROVIDER/models.json)";

    /** Whether the provider can be called as far as credentials go: it needs no key, or one is set. */
    boolean hasCredentials(ProviderFactory factory) {
        return factory.apiKeyEnvironmentVariables().isEmpty()
                || keyVariable(factory).isPresent();
    }

    Registry registry() {
        if (registry == null) {
            Registry.Builder builder = Registry.builder()
                    .environment(environment())
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
        return mapper().createObjectNode();
    }

    void printJson(Object node) {
        try {
            out().println(mapper().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
