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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Provider batch mode of a {@link Run}: reads the lines still to do, groups them by the binding that would serve them,
 * submits each group (split by the provider's limits) as batch jobs, journals each job id in {@link JobLog} before
 * polling, then polls with backoff and journals every answer. Lines of a job still open from an earlier run are not
 * submitted again: the job is re-attached. An expired or cancelled job's answers are kept and only the lines it left
 * unanswered are submitted again, up to {@link ProviderBatch#maxResubmits} times.
 */
final class ProviderMode {
    private record Item(ParsedLine line, @Nullable String request) {}

    private final BatchRunner.Settings s;
    private final ProviderBatch config;
    private final Run run;
    private final Recorder rec;
    private final JobLog jobs;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, BatchApi> apis = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Object pollLock = new Object();
    private @Nullable Thread poller;

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
        if (!config.collectOnly && s.inputPath != null) {
            jobs.run(new JobLog.RunFiles(s.inputPath, s.output(), s.alias));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        try (LineSource.Lines lines = s.input().open()) {
            long n = 0;
            for (String text = lines.next(); text != null; text = lines.next()) {
                n++;
                if (config.collectOnly) {
                    String id = ParsedLine.quickId(text);
                    if (id != null && attached.contains(id) && !run.answered(id)) {
                        items.put(id, new Item(ParsedLine.parse(n, text, s.alias), null));
                    }
                    continue;
                }
                Run.Pending p = run.admit(n, text, rec);
                if (p == null) continue;
                String binding = p.binding();
                String id = Objects.requireNonNull(p.line().customId());
                if (binding == null) {
                    rec.failed(p.line(), Records.invalid(n, id, "no binding can serve it"));
                    continue;
                }
                String request;
                try {
                    request = api(binding)
                            .request(
                                    id,
                                    Objects.requireNonNull(p.line().request()),
                                    body(text),
                                    binding.substring(binding.indexOf(':') + 1));
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
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            if (run.stopRequested()) break; // a signal: submit nothing more
            pending.addAll(submit(group.getKey(), group.getValue()));
        }
        for (JobLog.Job job : pending) {
            if (run.stopRequested()) return; // the jobs stay open; a rerun re-attaches
            collect(job, 0);
        }
    }

    /** Wakes the thread polling a job (a signal stops the run): it returns without collecting, the job left open. */
    void wake() {
        synchronized (pollLock) {
            if (poller != null) poller.interrupt();
        }
    }

    /** Submits {@code ids} in jobs no larger than the provider's limits; each job is journaled before it is polled. */
    private List<JobLog.Job> submit(String binding, List<String> ids) {
        BatchApi api = api(binding);
        List<JobLog.Job> created = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        long bytes = 0;
        for (String id : ids) {
            String request = request(id);
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

    private String request(String id) {
        return Objects.requireNonNull(Objects.requireNonNull(items.get(id)).request(), "request");
    }

    private JobLog.Job create(BatchApi api, String binding, List<String> ids, long bytes) {
        List<String> requests = new ArrayList<>(ids.size());
        for (String id : ids) requests.add(request(id));
        String model = binding.substring(binding.indexOf(':') + 1);
        JobLog.Job job = new JobLog.Job(api.submit(model, requests, bytes), binding, List.copyOf(ids));
        jobs.created(job);
        return job;
    }

    private void collect(JobLog.Job job, int resubmits) {
        BatchApi api = api(job.binding());
        BatchApi.State state = config.noWait || config.collectOnly ? api.state(job.id()) : poll(api, job.id());
        if (state == null) return; // stopped by a signal while waiting
        if (!state.terminal()) {
            run.pending();
            return;
        }
        Set<String> missing = new HashSet<>(job.customIds());
        List<JsonNode> inline = state.inline();
        for (int i = 0; i < inline.size(); i++) {
            String byPosition = i < job.customIds().size() ? job.customIds().get(i) : null;
            answer(api, job, inline.get(i), byPosition, missing);
        }
        for (String source : state.resultSources()) api.results(source, node -> answer(api, job, node, null, missing));
        boolean again = !missing.isEmpty() && state.retryable() && !job.cancelRequested();
        if (again && config.collectOnly) {
            run.pending(); // left open: the next run resubmits what it did not answer
            return;
        }
        jobs.collected(job.id());
        if (missing.isEmpty()) return;
        if (again && resubmits < config.maxResubmits) {
            List<String> left = job.customIds().stream()
                    .filter(missing::contains)
                    .filter(items::containsKey)
                    .toList();
            for (JobLog.Job next : submit(job.binding(), left)) collect(next, resubmits + 1);
            return;
        }
        for (String id : job.customIds()) {
            Item item = items.get(id);
            if (!missing.contains(id) || item == null) continue;
            ParsedLine line = item.line();
            String message = job.binding() + ": batch " + job.id() + " ended " + state.status()
                    + (job.cancelRequested() ? " (cancelled by request)" : "") + " without answering this line";
            rec.failed(line, Records.batchError(line.line(), id, "batch_" + state.status(), message, 0));
        }
    }

    /** Polls until the job ends; null when a signal stopped the run meanwhile (the job stays open). */
    private BatchApi.@Nullable State poll(BatchApi api, String jobId) {
        synchronized (pollLock) {
            poller = Thread.currentThread();
        }
        try {
            Duration wait = config.firstPoll;
            while (!run.stopRequested()) {
                BatchApi.State state;
                try {
                    state = api.state(jobId);
                } catch (ProviderBatchException e) {
                    if (run.stopRequested()) return null; // the signal interrupted the call
                    throw e;
                }
                if (state.terminal()) return state;
                try {
                    config.sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    if (run.stopRequested()) return null;
                    Thread.currentThread().interrupt();
                    throw new ProviderBatchException("interrupted while waiting for batch " + jobId);
                }
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(config.maxPoll) > 0 ? config.maxPoll : doubled;
            }
            return null;
        } finally {
            synchronized (pollLock) {
                poller = null;
                if (run.stopRequested()) Thread.interrupted(); // a late wake-up must not reach the journal's writes
            }
        }
    }

    /** Journals one result; {@code byPosition} names the line when the result does not. */
    private void answer(BatchApi api, JobLog.Job job, JsonNode node, @Nullable String byPosition, Set<String> missing) {
        BatchApi.Outcome o = api.outcome(node);
        String id = o.customId() != null ? o.customId() : byPosition;
        if (o.missing() || id == null || !missing.remove(id)) return; // left to resubmit, unknown or answered before
        Item item = items.get(id);
        if (item == null) return; // journaled by an earlier run (stopped between journaling and marking collected)
        ParsedLine line = item.line();
        JsonNode completion = o.completion();
        String binding = job.binding();
        if (completion != null) {
            JsonNode usage = completion.path("usage");
            long in = usage.path("prompt_tokens").asLong(0);
            long out = usage.path("completion_tokens").asLong(0);
            BigDecimal usd = price(binding, in, out).orElse(null);
            rec.answered(line, Records.batchOk(line.line(), id, binding, completion, usd), in, out, usd);
        } else {
            String message = binding + ": " + o.message();
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
        return apis.computeIfAbsent(provider, p -> newApi(config, http, binding));
    }

    /** The batch API serving {@code binding}'s provider. */
    static BatchApi newApi(ProviderBatch config, HttpClient http, String binding) {
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
        return switch (provider) {
            case "anthropic" -> new AnthropicBatchApi(http, endpoint.baseUrl(), endpoint.apiKey());
            case "google" -> new GeminiBatchApi(http, endpoint.baseUrl(), endpoint.apiKey(), config.geminiInlineBytes);
            default -> new OpenAiBatchApi(http, endpoint.baseUrl(), endpoint.apiKey());
        };
    }

    /** The line's OpenAI chat body (the {@code body} of the batch shape, or the short shape's fields). */
    private static JsonNode body(String text) throws IOException {
        JsonNode node = Jsons.MAPPER.readTree(text);
        ObjectNode body = node.has("body") ? (ObjectNode) node.get("body").deepCopy() : ((ObjectNode) node).deepCopy();
        body.remove(List.of("custom_id", "method", "url", "stream", "stream_options"));
        return body;
    }
}
