package dev.llmring.cli;

import dev.llmring.batch.ProviderBatchException;
import dev.llmring.batch.ProviderJobs;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code batch status|collect|cancel STATE_DIR} share: the STATE_DIR parameter, opening its jobs (a usage error
 * naming the path when it is not a state directory), and a provider that refuses or cannot be reached as status 1.
 */
abstract class BatchJobsCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "STATE_DIR",
            description = "The state directory of the run (by default OUTPUT.jsonl.state).")
    @Nullable
    Path state;

    final Session session;

    BatchJobsCommand(Session session) {
        this.session = session;
    }

    @Override
    public final Integer call() {
        ProviderJobs jobs = BatchProviders.jobs(spec, session, state);
        try {
            return call(jobs, Objects.requireNonNull(state));
        } catch (ProviderBatchException e) {
            throw BatchProviders.failed(e);
        }
    }

    /** The command on the opened jobs; returns the exit status. */
    abstract int call(ProviderJobs jobs, Path stateDirectory);
}
