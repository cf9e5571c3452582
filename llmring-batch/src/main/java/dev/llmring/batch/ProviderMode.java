package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.registry.ModelInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Provider batch mode of a {@link Run}: reads the lines still to do, groups them by the binding that would serve them,
 * submits each group (split by the provider's limits) as batch jobs, journals each job id in {@link JobLog} before
 * polling, then polls with backoff and journals every answer. Lines of a job still open from an earlier run are not
 * submitted again: the job is re-attached. An expired or cancelled job's answers are kept and only the lines it left
 * unanswered are submitted again, up to {@link ProviderBatch#maxResubmits} times.
 */
final class ProviderMode {
    private record Item(ParsedLine line, String request) {}

    private final BatchRunner.Settings s;
    private final ProviderBatch config;
    private final Run run;
    private final Recorder rec;
    private final JobLog jobs;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ProviderMode(BatchRunner.Settings s, ProviderBatch config, Run run, Recorder rec) {
        this.s = s;
        this.config = config;
        this.run = run;
        this.rec = rec;
        this.jobs = new JobLog(Objects.requireNonNull(s.state, "state"));
    }

    void execute() throws IOException {
        List<JobLog.Job> open = jobs.open();
        Set<String> attached = new HashSet<>();
        open.forEach(j -> attached.addAll(j.customIds()));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        try (LineSource.Lines lines = s.input().open()) {
            long n = 0;
            for (String text = lines.next(); text != null; text = lines.next()) {
                Run.Pending p = run.admit(++n, text, rec);
                if (p == null) continue;
                String binding = p.binding();
                String id = Objects.requireNonNull(p.line().customId());
                if (binding == null) {
                    rec.failed(p.line(), Records.invalid(n, id, "no binding can serve it"));
                    continue;
                }
                String request;
                try {
                    request = api(binding).request(id, body(text), binding.substring(binding.indexOf(':') + 1));
                } catch (BatchInputException e) {
                    rec.failed(p.line(), Records.invalid(n, id, String.valueOf(e.getMessage())));
                    continue;
                }
                items.put(id, new Item(p.line(), request));
                if (!attached.contains(id))
                    groups.computeIfAbsent(binding, b -> new ArrayList<>()).add(id);
            }
        }
        List<JobLog.Job> pending = new ArrayList<>(open);
        groups.forEach((binding, ids) -> pending.addAll(submit(binding, ids)));
        for (JobLog.Job job : pending) collect(job, 0);
    }

    /** Submits {@code ids} in jobs no larger than the provider's limits; each job is journaled before it is polled. */
    private List<JobLog.Job> submit(String binding, List<String> ids) {
        BatchApi api = api(binding);
        List<JobLog.Job> created = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        long bytes = 0;
        for (String id : ids) {
            String request = Objects.requireNonNull(items.get(id)).request();
            long size = request.getBytes(StandardCharsets.UTF_8).length + 1L;
            if (!chunk.isEmpty() && (chunk.size() >= api.maxRequests() || bytes + size > api.maxBytes())) {
                created.add(create(api, binding, chunk, bytes));
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(id);
            bytes += size;
        }
        if (!chunk.isEmpty()) created.add(create(api, binding, chunk, bytes));
        return created;
    }

    private JobLog.Job create(BatchApi api, String binding, List<String> ids, long bytes) {
        List<String> requests = new ArrayList<>(ids.size());
        for (String id : ids) requests.add(Objects.requireNonNull(items.get(id)).request());
        JobLog.Job job = new JobLog.Job(api.submit(requests, bytes), binding, List.copyOf(ids));
        jobs.created(job);
        return job;
    }

    private void collect(JobLog.Job job, int resubmits) {
        BatchApi api = api(job.binding());
        BatchApi.State state = config.noWait ? api.state(job.id()) : poll(api, job.id());
        if (!state.terminal()) {
            run.pending();
            return;
        }
        Set<String> missing = new HashSet<>(job.customIds());
        for (String source : state.resultSources()) {
            for (String text : api.results(source).split("\n")) {
                if (!text.isBlank()) answer(api, job, text, missing);
            }
        }
        jobs.collected(job.id());
        if (missing.isEmpty()) return;
        if (state.retryable() && resubmits < config.maxResubmits) {
            List<String> again =
                    job.customIds().stream().filter(missing::contains).toList();
            for (JobLog.Job next : submit(job.binding(), again)) collect(next, resubmits + 1);
            return;
        }
        for (String id : job.customIds()) {
            if (!missing.contains(id)) continue;
            ParsedLine line = Objects.requireNonNull(items.get(id)).line();
            String message =
                    job.binding() + ": batch " + job.id() + " ended " + state.status() + " without answering this line";
            rec.failed(line, Records.batchError(line.line(), id, "batch_" + state.status(), message, 0));
        }
    }

    private BatchApi.State poll(BatchApi api, String jobId) {
        Duration wait = config.firstPoll;
        while (true) {
            BatchApi.State state = api.state(jobId);
            if (state.terminal()) return state;
            try {
                config.sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderBatchException("interrupted while waiting for batch " + jobId);
            }
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(config.maxPoll) > 0 ? config.maxPoll : doubled;
        }
    }

    /** Journals one result line. */
    private void answer(BatchApi api, JobLog.Job job, String text, Set<String> missing) {
        JsonNode node;
        try {
            node = Jsons.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ProviderBatchException("batch " + job.id() + ": a result line is not JSON");
        }
        BatchApi.Outcome o = api.outcome(node);
        String id = o.customId();
        if (o.missing() || id == null || !missing.remove(id)) return; // left to resubmit, unknown or answered before
        ParsedLine line = Objects.requireNonNull(items.get(id)).line();
        JsonNode completion = o.completion();
        if (completion != null) {
            JsonNode usage = completion.path("usage");
            long in = usage.path("prompt_tokens").asLong(0);
            long out = usage.path("completion_tokens").asLong(0);
            BigDecimal usd = price(job.binding(), in, out).orElse(null);
            rec.answered(line, Records.batchOk(line.line(), id, job.binding(), completion, usd), in, out, usd);
        } else {
            String message = job.binding() + ": " + o.message();
            rec.failed(line, Records.batchError(line.line(), id, o.errorType(), message, o.status()));
        }
    }

    /** The price of an answer at the batch discount, when the registry knows the model's prices. */
    private Optional<BigDecimal> price(String binding, long in, long out) {
        if (config.registry == null) return Optional.empty();
        int colon = binding.indexOf(':');
        Optional<ModelInfo> model;
        try {
            model = config.registry.model(binding.substring(0, colon), binding.substring(colon + 1));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (model.isEmpty()
                || model.get().inputPrice().isEmpty()
                || model.get().outputPrice().isEmpty()) return Optional.empty();
        BigDecimal full = model.get()
                .inputPrice()
                .get()
                .multiply(BigDecimal.valueOf(in))
                .add(model.get().outputPrice().get().multiply(BigDecimal.valueOf(out)))
                .divide(BigDecimal.valueOf(1_000_000), MathContext.DECIMAL64);
        return Optional.of(full.multiply(ProviderBatch.DISCOUNT).stripTrailingZeros());
    }

    private BatchApi api(String binding) {
        String provider = binding.substring(0, Math.max(0, binding.indexOf(':')));
        if (!ProviderBatch.SUPPORTED.contains(provider)) {
            throw new ProviderBatchException("provider batch mode: binding '" + binding + "' is on provider '"
                    + provider + "', which has no batch API in this version (supported: " + ProviderBatch.SUPPORTED
                    + "); run it in live mode");
        }
        ProviderBatch.Endpoint endpoint = config.endpoints.get(provider);
        if (endpoint == null) {
            throw new ProviderBatchException("provider batch mode: no endpoint and key for provider '" + provider
                    + "' (binding " + binding + ")");
        }
        return provider.equals("anthropic")
                ? new AnthropicBatchApi(http, endpoint.baseUrl(), endpoint.apiKey())
                : new OpenAiBatchApi(http, endpoint.baseUrl(), endpoint.apiKey());
    }

    /** The line's OpenAI chat body (the {@code body} of the batch shape, or the short shape's fields). */
    private static JsonNode body(String text) throws IOException {
        JsonNode node = Jsons.MAPPER.readTree(text);
        ObjectNode body = node.has("body") ? (ObjectNode) node.get("body").deepCopy() : ((ObjectNode) node).deepCopy();
        body.remove(List.of("custom_id", "method", "url", "stream", "stream_options"));
        return body;
    }
}
