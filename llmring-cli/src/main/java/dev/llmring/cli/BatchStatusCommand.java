package dev.llmring.cli;

import dev.llmring.batch.ProviderJobs;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code llmring batch status STATE_DIR}: the provider jobs journaled in a state directory and how they stand. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print each provider batch job journaled in STATE_DIR (by `batch run --mode provider`): its id, binding,"
                    + " lines, the provider's state now and its request counts (as JSON with --json).",
            "Exit status: 0 shown, 1 a provider could not be asked, 2 STATE_DIR is not a batch state directory."
        })
final class BatchStatusCommand extends BatchJobsCommand {
    BatchStatusCommand(Session session) {
        super(session);
    }

    @Override
    int call(ProviderJobs jobs, Path stateDirectory) {
        BatchProviders.print(session, stateDirectory, jobs.status());
        return ExitCodes.OK;
    }
}
