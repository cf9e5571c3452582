package dev.llmring.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code llmring batch}: many requests from a JSONL file. */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = "Run many requests from a JSONL file, resumably and within a budget (docs/batch.md).",
        subcommands = {
            BatchRunCommand.class,
            BatchStatusCommand.class,
            BatchCollectCommand.class,
            BatchCancelCommand.class,
            BatchEnqueueCommand.class,
            BatchWorkCommand.class
        })
final class BatchCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    private final Session session;

    BatchCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (spec != null) spec.commandLine().usage(session.err());
        return ExitCodes.USAGE;
    }
}
