package dev.llmring.cli;

import dev.llmring.LlmRing;
import dev.llmring.batch.BatchRunner;
import dev.llmring.batch.BatchSummary;
import dev.llmring.batch.ProviderJobs;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code llmring batch collect STATE_DIR}: journals the results of the jobs that have ended, submitting nothing. */
@Command(
        name = "collect",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch the results of the provider jobs of STATE_DIR that have ended into the output of the run that"
                    + " submitted them, without submitting anything; jobs still running are left for a later collect."
                    + " A summary goes to stderr (as JSON on stdout with --json).",
            "Exit status: 0 every line ok (or jobs still running), 1 some lines failed, 2 STATE_DIR is not a batch"
                    + " state directory of a provider-mode run, 3 stopped by a signal."
        })
final class BatchCollectCommand extends BatchJobsCommand {
    BatchCollectCommand(Session session) {
        super(session);
    }

    @Override
    int call(ProviderJobs jobs, Path stateDirectory) {
        try (LlmRing ring = BatchRunCommand.ring(session, null).build()) {
            BatchRunner.Builder builder;
            try {
                builder = jobs.collector(ring);
            } catch (IllegalStateException e) {
                throw Cli.usage(spec, String.valueOf(e.getMessage()));
            }
            BatchSummary summary = BatchRunCommand.run(session, builder);
            BatchRunCommand.report(session, summary);
            return summary.exitCode();
        }
    }
}
