package dev.llmring.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmring lock}: the commands that create, check and pin the lockfile as a whole. */
@Command(
        name = "lock",
        mixinStandardHelpOptions = true,
        description = "Create, check and pin the lockfile.",
        subcommands = {
            LockInitCommand.class,
            LockValidateCommand.class,
            LockBumpRegistryCommand.class,
            LockDriftCommand.class,
            LockDigestCommand.class,
            LockCheckCommand.class,
        })
final class LockCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    private final Session session;

    LockCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (spec != null) spec.commandLine().usage(session.err());
        return ExitCodes.USAGE;
    }
}
