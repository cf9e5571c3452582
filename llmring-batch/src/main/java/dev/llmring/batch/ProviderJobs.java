package dev.llmring.batch;

import dev.llmring.LlmRing;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The provider batch jobs journaled in a state directory (its {@code jobs.jsonl}), for {@code llmring batch
 * status|collect|cancel}: {@link #status()} asks each provider how its open jobs stand, {@link #cancel()} asks it to
 * cancel them and records that, and {@link #collector(LlmRing)} gives a runner that journals the results of the jobs
 * that have ended into the run's output without submitting anything.
 *
 * <p>A job cancelled through {@link #cancel()} is not submitted again: the lines it left unanswered get {@code error}
 * records ({@code batch_cancelled}), which a run with {@code --retry-failed} sends again.
 */
public final class ProviderJobs {
    private final Path state;
    private final ProviderBatch settings;
    private final JobLog log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ProviderJobs(Path state, ProviderBatch settings) {
        this.state = state;
        this.settings = settings;
        this.log = new JobLog(state);
    }

    /**
     * The jobs of a state directory.
     *
     * @param stateDirectory the state directory of a run ({@code OUTPUT.jsonl.state/} by default)
     * @param settings the endpoints and keys of the providers (poll intervals and {@code noWait} are not used)
     * @return the jobs
     * @throws IllegalArgumentException when {@code stateDirectory} is not a directory holding a run's journal or jobs
     */
    public static ProviderJobs open(Path stateDirectory, ProviderBatch settings) {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(settings, "settings");
        if (!Files.isDirectory(stateDirectory)
                || !(Files.isRegularFile(stateDirectory.resolve(JobLog.FILE))
                        || Files.isRegularFile(stateDirectory.resolve("journal.jsonl")))) {
            throw new IllegalArgumentException("not a batch state directory (no " + JobLog.FILE + " nor "
                    + "journal.jsonl" + "): " + stateDirectory);
        }
        return new ProviderJobs(stateDirectory, settings);
    }

    /**
     * Each job journaled, in creation order; for each job not yet collected, its state as the provider reports it now.
     *
     * @return the jobs, empty when the directory holds none (a live-mode run)
     * @throws ProviderBatchException when a provider cannot be reached or answers with an error (named, without the
     *     key), or a job's provider has no endpoint in the settings
     */
    public List<Job> status() {
        List<Job> out = new ArrayList<>();
        for (JobLog.Job j : log.all()) {
            if (j.collected()) {
                out.add(new Job(j, "collected", true, Map.of()));
            } else {
                BatchApi.State s = api(j.binding()).state(j.id());
                out.add(new Job(j, s.status(), s.terminal(), s.counts()));
            }
        }
        return out;
    }

    /**
     * Asks the provider to cancel every job not yet collected, and records each request in the state directory.
     * Answers a job finished before it stopped stay collectable.
     *
     * @return the jobs as {@link #status()} reports them after the requests
     * @throws ProviderBatchException when a provider refuses or cannot be reached (jobs cancelled before stay recorded)
     */
    public List<Job> cancel() {
        for (JobLog.Job j : log.open()) {
            BatchApi api = api(j.binding());
            if (api.state(j.id()).terminal()) continue;
            api.cancel(j.id());
            log.cancelRequested(j.id());
        }
        return status();
    }

    /**
     * A runner builder that collects the jobs that have ended into the output of the run that created them, without
     * submitting anything: input, output, state directory, alias and provider mode are set; add a progress listener
     * if wanted and {@code build().run()}. Jobs still running leave the summary {@link BatchSummary.Stop#PENDING}.
     *
     * @param ring the client (used for nothing but the runner's settings; no line is planned or sent)
     * @return the builder
     * @throws IllegalStateException when the state directory does not name its run's input and output (a run in
     *     live mode, or one made before this version); rerun {@code batch run} with the same arguments instead
     */
    public BatchRunner.Builder collector(LlmRing ring) {
        JobLog.RunFiles files = log.run()
                .orElseThrow(() -> new IllegalStateException("the state directory " + state
                        + " does not name its run's input and output (" + JobLog.RUN_FILE
                        + "); rerun the same batch run command to collect"));
        BatchRunner.Builder b = BatchRunner.builder(ring)
                .input(files.input())
                .output(files.output())
                .state(state)
                .providerMode(settings.collecting());
        if (files.alias() != null) b.alias(files.alias());
        return b;
    }

    private BatchApi api(String binding) {
        return ProviderMode.newApi(settings, http, binding);
    }

    @Override
    public String toString() {
        return "ProviderJobs[" + state + "]";
    }

    /** One provider job of a state directory and how it stands. */
    public static final class Job {
        private final String id;
        private final String binding;
        private final int lines;
        private final String state;
        private final boolean ended;
        private final boolean cancelRequested;
        private final Map<String, Long> counts;

        Job(JobLog.Job job, String state, boolean ended, Map<String, Long> counts) {
            this.id = job.id();
            this.binding = job.binding();
            this.lines = job.customIds().size();
            this.state = state;
            this.ended = ended;
            this.cancelRequested = job.cancelRequested();
            this.counts = Map.copyOf(counts);
        }

        /**
         * The provider's job id.
         *
         * @return the id, e.g. {@code batch_abc} (OpenAI), {@code msgbatch_abc} (Anthropic), {@code batches/abc} (Google)
         */
        public String id() {
            return id;
        }

        /**
         * The binding whose lines the job carries.
         *
         * @return {@code provider:model}
         */
        public String binding() {
            return binding;
        }

        /**
         * How many lines were submitted in the job.
         *
         * @return the number of requests
         */
        public int lines() {
            return lines;
        }

        /**
         * The job's state: {@code collected} when its results are journaled, else the provider's status in lower case
         * ({@code in_progress}, {@code completed}, {@code expired}, {@code ended}, {@code running}, {@code
         * succeeded}, …).
         *
         * @return the state
         */
        public String state() {
            return state;
        }

        /**
         * Whether the job has ended at the provider (its results can be collected), or was collected.
         *
         * @return true when it will not change any more
         */
        public boolean ended() {
            return ended;
        }

        /**
         * Whether {@link ProviderJobs#cancel()} asked the provider to cancel it.
         *
         * @return true after a cancel request was recorded
         */
        public boolean cancelRequested() {
            return cancelRequested;
        }

        /**
         * The provider's request counts under its own names (OpenAI {@code completed}, {@code failed}, {@code total};
         * Anthropic {@code processing}, {@code succeeded}, {@code errored}, {@code canceled}, {@code expired}; Google
         * {@code requestCount}, {@code successfulRequestCount}, {@code failedRequestCount}, {@code
         * pendingRequestCount}).
         *
         * @return the counts, empty for a collected job or when the provider gave none
         */
        public Map<String, Long> counts() {
            return counts;
        }

        @Override
        public String toString() {
            return "Job[" + id + ", " + binding + ", " + lines + " lines, " + state + "]";
        }
    }
}
