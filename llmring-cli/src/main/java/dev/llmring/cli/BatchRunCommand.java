package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.Cost;
import dev.llmring.LlmRing;
import dev.llmring.batch.BatchInputException;
import dev.llmring.batch.BatchRunner;
import dev.llmring.batch.BatchSummary;
import dev.llmring.batch.ProviderBatch;
import dev.llmring.batch.ProviderBatchException;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileNotFoundException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmring batch run INPUT --out OUTPUT}: the library's {@link BatchRunner}, with a progress view and signals. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Send every line of INPUT (OpenAI Batch JSONL, or its short form) by alias, CONCURRENCY at a time, and"
                    + " write one record per custom_id to OUTPUT. Rerunning the same command resumes: lines done are"
                    + " not sent again. A summary goes to stderr (as JSON on stdout with --json).",
            "SIGINT/SIGTERM stop taking lines, let requests in flight finish (--grace), and exit 3; a second signal"
                    + " exits at once.",
            "Exit status: 0 every line ok, 1 some lines failed or were skipped, 2 a usage error (or duplicate"
                    + " custom_ids), 3 stopped (budget or signal)."
        })
final class BatchRunCommand implements Callable<Integer> {
    static final int STOPPED = 3;

    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The input JSONL file.")
    @Nullable
    Path input;

    @Mixin
    BatchOptions options = new BatchOptions();

    @Option(names = "--ordered", description = "Write records in input order (default: completion order).")
    boolean ordered;

    @Option(names = "--retry-failed", description = "Send lines that failed in an earlier run again.")
    boolean retryFailed;

    @Option(names = "--force", description = "Send lines done earlier whose request has changed again (pays again).")
    boolean force;

    @Option(names = "--fail-fast", description = "Stop at the first failed line.")
    boolean failFast;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description =
                    "live (one call per line, default) or provider (the batch API of OpenAI, Anthropic or Gemini).")
    String mode = "live";

    @Option(
            names = "--max-resubmits",
            paramLabel = "N",
            description = "Provider mode: how often lines an expired or cancelled job left are submitted again"
                    + " (default 3).")
    int maxResubmits = 3;

    @Option(
            names = "--no-wait",
            description = "Provider mode: submit the jobs and return; rerun the same command to collect them.")
    boolean noWait;

    private final Session session;

    BatchRunCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        options.validate(spec);
        Path in = session.context().workingDirectory.resolve(java.util.Objects.requireNonNull(input));
        if (!java.nio.file.Files.isRegularFile(in)) throw Cli.usage(spec, "no input file " + input);
        Path out = options.output(session);
        if (!mode.equals("live") && !mode.equals("provider")) {
            throw Cli.usage(spec, "--mode must be live or provider, was '" + mode + "'");
        }
        if (maxResubmits < 0) throw Cli.usage(spec, "--max-resubmits must not be negative");
        if (noWait && !mode.equals("provider")) throw Cli.usage(spec, "--no-wait applies to --mode provider only");
        if (mode.equals("provider") && options.maxCost != null) {
            throw Cli.usage(spec, "--max-cost applies to live mode only, not to --mode provider");
        }
        try (LlmRing ring = ring(session, options.profile).build()) {
            BatchRunner.Builder builder = options.applyTo(BatchRunner.builder(ring))
                    .input(in)
                    .output(out)
                    .ordered(ordered)
                    .retryFailed(retryFailed)
                    .force(force)
                    .failFast(failFast);
            if (options.state != null)
                builder.state(session.context().workingDirectory.resolve(options.state));
            if (mode.equals("provider")) builder.providerMode(providerBatch());
            BatchSummary summary = run(session, builder);
            report(session, summary);
            return summary.exitCode();
        }
    }

    /** Runs {@code builder}'s runner with the progress view and the signal handlers. */
    static BatchSummary run(Session session, BatchRunner.Builder builder) {
        BatchProgressView view = BatchProgressView.create(session.context().err, session.context().terminal);
        builder.progress(view::show, view.interval());
        BatchRunner runner = builder.build();
        BatchSignals signals = BatchSignals.install(runner, session.context().err);
        try {
            return runner.run();
        } catch (BatchInputException | ProviderBatchException e) {
            throw new CliFailure(e.getMessage(), ExitCodes.USAGE);
        } finally {
            signals.close();
            view.close();
        }
    }

    /** The provider batch settings: an endpoint for each provider whose key is set (see {@link BatchProviders}). */
    private ProviderBatch providerBatch() {
        return BatchProviders.settings(session)
                .maxResubmits(maxResubmits)
                .noWait(noWait)
                .build();
    }

    static LlmRing.Builder ring(Session session, @Nullable String profile) {
        Lockfile lock;
        try {
            lock = session.lockfile();
        } catch (LockfileNotFoundException e) {
            lock = Lockfile.empty(session.context().clock, List.of("default"));
        }
        LlmRing.Builder builder = LlmRing.builder()
                .lockfile(lock)
                .profile(session.profile(lock, profile).name())
                .environment(session.context().environment)
                .clock(session.context().clock)
                .discoverProviders(false);
        session.context().factories.forEach(builder::provider);
        baseUrl(session, builder, "anthropic", "ANTHROPIC_BASE_URL");
        baseUrl(session, builder, "google", "GEMINI_BASE_URL");
        try {
            builder.registry(session.registry());
        } catch (CliFailure e) {
            builder.noRegistry();
        }
        return builder;
    }

    private static void baseUrl(Session session, LlmRing.Builder builder, String provider, String variable) {
        String value = session.context().env(variable);
        if (value == null) return;
        try {
            builder.baseUrl(provider, URI.create(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(variable + " is not an absolute http(s) URL: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    static void report(Session session, BatchSummary s) {
        if (session.json()) {
            ObjectNode node = session.object();
            node.put("lines", s.lines());
            node.put("ok", s.ok());
            node.put("failed", s.failed());
            node.put("skipped", s.skipped());
            node.put("already_done", s.alreadyDone());
            node.put("input_tokens", s.inputTokens());
            node.put("output_tokens", s.outputTokens());
            node.put("cost_usd", s.cost());
            node.put("paid_before_usd", s.paidBefore());
            node.put("unpriced_answers", s.unpricedAnswers());
            node.put("elapsed_ms", s.elapsed().toMillis());
            node.put("lines_per_second", Math.round(s.throughput() * 10) / 10.0);
            node.put("stopped", s.stop().name().toLowerCase(java.util.Locale.ROOT));
            node.put("exit_code", s.exitCode());
            session.printJson(node);
        }
        session.err()
                .println("llmring batch: " + s.lines() + " lines: " + s.ok() + " ok, " + s.failed() + " failed, "
                        + s.skipped() + " skipped, " + s.alreadyDone() + " done before; " + s.inputTokens()
                        + " in + " + s.outputTokens() + " out tokens; $" + Cost.display(s.cost())
                        + (s.unpricedAnswers() > 0 ? " (+" + s.unpricedAnswers() + " unpriced answers)" : "") + "; "
                        + String.format(
                                java.util.Locale.ROOT,
                                "%.1f s, %.1f lines/s",
                                s.elapsed().toMillis() / 1000.0,
                                s.throughput())
                        + stopped(s));
        session.err().flush();
    }

    private static String stopped(BatchSummary s) {
        return switch (s.stop()) {
            case NONE -> "";
            case BUDGET -> "; stopped: the budget cannot fit the next request (the rest are recorded skipped)";
            case SIGNAL -> "; stopped by a signal: rerun the same command to resume";
            case FAIL_FAST -> "; stopped at the first failure (--fail-fast)";
            case PENDING -> "; batch jobs still running at the provider (--no-wait): rerun the same command to collect";
        };
    }
}
