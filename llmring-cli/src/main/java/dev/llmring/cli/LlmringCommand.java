package dev.llmring.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code llmring}: the root command, holding the global options (accepted before or after the subcommand). */
@Command(
        name = "llmring",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Call LLMs by alias: manage the llmring.lock lockfile and inspect the model registry.",
        subcommands = {
            LockCommand.class,
            BindCommand.class,
            UnbindCommand.class,
            AliasesCommand.class,
            RouteCommand.class,
            ModelsCommand.class,
            InfoCommand.class,
            ChatCommand.class,
            BatchCommand.class,
            LensCommand.class,
            ReceiptsCommand.class,
            CompletionCommand.class,
        },
        footer = {
            "",
            "Exit status: 0 success, 1 a finding (validation, drift) or a failure, 2 a usage error.",
            "With --json, a failure prints {\"error\": {\"type\", \"message\", \"exit_code\", ...}} on stdout.",
            "Shell completion: source <(llmring completion)",
            "Documentation: https://github.com/llmring/llmring-java/blob/main/docs/cli.md"
        })
final class LlmringCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Option(
            names = "--lockfile",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "The lockfile (default: LLMRING_LOCKFILE_PATH, else llmring.lock or llmring.lock.json in"
                    + " the working directory, else the classpath).")
    @Nullable
    Path lockfile;

    @Option(
            names = "--registry-url",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "The model registry (default: LLMRING_REGISTRY_URL, else the public registry). An https"
                    + " URL, or a file: URL / absolute path of a local copy.")
    @Nullable
    String registryUrl;

    @Option(
            names = "--offline",
            scope = ScopeType.INHERIT,
            description = "Never fetch registry data: use the disk cache, whatever its age.")
    boolean offline;

    @Option(
            names = "--provider-endpoint",
            paramLabel = "NAME=PROTOCOL@URL",
            scope = ScopeType.INHERIT,
            description = "Declare a server that speaks a known provider's protocol, e.g."
                    + " local=openai@http://127.0.0.1:8000/v1 (bind it as local:MODEL; key from NAME_API_KEY)."
                    + " Repeatable; also LLMRING_PROVIDER_ENDPOINTS (comma-separated).")
    List<String> providerEndpoints = new ArrayList<>();

    @Option(
            names = "--scripts",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Enable the scripted provider (scripted:NAME answers from DIR/NAME.json), as"
                    + " LLMRING_SCRIPTS=DIR does. Offline, for trying lockfiles and failover.")
    @Nullable
    Path scripts;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable JSON on stdout.")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Stack traces on errors; lockfile warnings on every read.")
    boolean verbose;

    private final Session session;

    LlmringCommand(Session session) {
        this.session = session;
        session.root(this);
    }

    @Override
    public Integer call() {
        if (spec != null) {
            spec.commandLine().usage(session.context().err);
        }
        return ExitCodes.USAGE;
    }
}
