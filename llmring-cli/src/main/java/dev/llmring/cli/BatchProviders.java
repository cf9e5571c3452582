package dev.llmring.cli;

import dev.llmring.batch.ProviderBatch;
import dev.llmring.batch.ProviderBatchException;
import dev.llmring.batch.ProviderJobs;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The provider batch endpoints as the environment names them, for {@code batch run --mode provider} and {@code batch
 * status|collect|cancel}: a provider takes part when its key variable is set, at its base-URL variable or its default.
 */
final class BatchProviders {
    private BatchProviders() {}

    /** The settings with an endpoint for each provider whose key is set, and the registry when there is one. */
    static ProviderBatch.Builder settings(Session session) {
        ProviderBatch.Builder b = ProviderBatch.builder();
        endpoint(session, b, "openai", List.of("OPENAI_API_KEY"), "OPENAI_BASE_URL", "https://api.openai.com/v1");
        endpoint(
                session,
                b,
                "anthropic",
                List.of("ANTHROPIC_API_KEY"),
                "ANTHROPIC_BASE_URL",
                "https://api.anthropic.com");
        endpoint(
                session,
                b,
                "google",
                List.of("GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_API_KEY"),
                "GEMINI_BASE_URL",
                "https://generativelanguage.googleapis.com/v1beta");
        try {
            b.registry(session.registry());
        } catch (CliFailure e) {
            // unpriced answers then
        }
        return b;
    }

    private static void endpoint(
            Session session,
            ProviderBatch.Builder b,
            String provider,
            List<String> keyVariables,
            String baseVariable,
            String defaultBase) {
        String key = null;
        for (String variable : keyVariables) {
            String value = session.context().env(variable);
            if (value != null && !value.isBlank()) {
                key = value;
                break;
            }
        }
        if (key == null) return;
        String base = session.context().env(baseVariable);
        try {
            b.endpoint(provider, URI.create(base == null ? defaultBase : base.trim()), key);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(baseVariable + " is not a URL: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    /**
     * The jobs of the state directory named on the command line.
     *
     * @throws picocli.CommandLine.ParameterException naming the path when it is not a batch state directory
     */
    static ProviderJobs jobs(@Nullable CommandSpec spec, Session session, @Nullable Path stateDirectory) {
        Path dir = session.context().workingDirectory.resolve(Objects.requireNonNull(stateDirectory));
        try {
            return ProviderJobs.open(dir, settings(session).build());
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, String.valueOf(e.getMessage()));
        }
    }

    /** A provider that refused or could not be reached: exit status 1, the message naming provider and call. */
    static CliFailure failed(ProviderBatchException e) {
        return new CliFailure(String.valueOf(e.getMessage()), ExitCodes.FINDING);
    }

    /** Prints the jobs, one line each, or as JSON with {@code --json}. */
    static void print(Session session, Path stateDirectory, List<ProviderJobs.Job> jobs) {
        if (session.json()) {
            var node = session.object();
            node.put("state_dir", stateDirectory.toString());
            var array = node.putArray("jobs");
            for (ProviderJobs.Job j : jobs) {
                var o = array.addObject();
                o.put("id", j.id());
                o.put("binding", j.binding());
                o.put("lines", j.lines());
                o.put("state", j.state());
                o.put("ended", j.ended());
                o.put("cancel_requested", j.cancelRequested());
                var counts = o.putObject("counts");
                j.counts().forEach(counts::put);
            }
            session.printJson(node);
            return;
        }
        var out = session.out();
        if (jobs.isEmpty()) out.println("no provider batch jobs in " + stateDirectory);
        for (ProviderJobs.Job j : jobs) {
            StringBuilder line = new StringBuilder()
                    .append(j.id())
                    .append("  ")
                    .append(j.binding())
                    .append("  ")
                    .append(j.lines())
                    .append(j.lines() == 1 ? " line  " : " lines  ")
                    .append(j.state());
            j.counts().forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
            if (j.cancelRequested()) line.append("  (cancel requested)");
            out.println(line);
        }
        out.flush();
    }
}
