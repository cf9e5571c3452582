package dev.llmring.cli;

import dev.llmring.batch.ProviderJobs;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code llmring batch cancel STATE_DIR}: asks the providers to cancel the open jobs of a state directory. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Ask the provider to cancel each job of STATE_DIR still running, and record it there. Answers a job"
                    + " finished stay collectable (`batch collect`); the lines it left are recorded as errors"
                    + " (batch_cancelled), not submitted again (a run with --retry-failed sends them).",
            "Exit status: 0 asked, 1 a provider refused or could not be reached, 2 STATE_DIR is not a batch state"
                    + " directory."
        })
final class BatchCancelCommand extends BatchJobsCommand {
    BatchCancelCommand(Session session) {
        super(session);
    }

    @Override
    int call(ProviderJobs jobs, Path stateDirectory) {
        BatchProviders.print(session, stateDirectory, jobs.cancel());
        return ExitCodes.OK;
    }
}
