package dev.llmring.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmring receipts}: work with signed receipts. */
@Command(
        name = "receipts",
        mixinStandardHelpOptions = true,
        description = "Verify signed receipts.",
        subcommands = ReceiptsVerifyCommand.class)
final class ReceiptsCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    private final Session session;

    ReceiptsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (spec != null) spec.commandLine().usage(session.err());
        return ExitCodes.USAGE;
    }
}
