package dev.llmring.cli;

import dev.llmring.batch.ProviderBatchException;
import dev.llmring.batch.ProviderJobs;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
final class BatchCancelCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STATE_DIR", description = "The state directory of the run.")
    @Nullable
    Path state;

    private final Session session;

    BatchCancelCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ProviderJobs jobs = BatchProviders.jobs(spec, session, state);
        try {
            BatchProviders.print(session, Objects.requireNonNull(state), jobs.cancel());
        } catch (ProviderBatchException e) {
            throw BatchProviders.failed(e);
        }
        return ExitCodes.OK;
    }
}
