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

/** {@code llmring batch status STATE_DIR}: the provider jobs journaled in a state directory and how they stand. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print each provider batch job journaled in STATE_DIR (by `batch run --mode provider`): its id, binding,"
                    + " lines, the provider's state now and its request counts (as JSON with --json).",
            "Exit status: 0 shown, 1 a provider could not be asked, 2 STATE_DIR is not a batch state directory."
        })
final class BatchStatusCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "STATE_DIR",
            description = "The state directory (default of a run: OUTPUT.state).")
    @Nullable
    Path state;

    private final Session session;

    BatchStatusCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ProviderJobs jobs = BatchProviders.jobs(spec, session, state);
        try {
            BatchProviders.print(session, Objects.requireNonNull(state), jobs.status());
        } catch (ProviderBatchException e) {
            throw BatchProviders.failed(e);
        }
        return ExitCodes.OK;
    }
}
