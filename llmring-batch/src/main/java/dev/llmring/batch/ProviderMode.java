package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.registry.ModelInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    static final int OPENAI_MAX_REQUESTS = 50_000;
    static final long OPENAI_MAX_BYTES = 200L * 1024 * 1024;

    private record Item(ParsedLine line, String body) {}

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
        this.jobs = new JobLog(java.util.Objects.requireNonNull(s.state, "state"));
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
                String id = java.util.Objects.requireNonNull(p.line().customId());
                if (binding == null) {
                    rec.failed(p.line(), Records.invalid(n, id, "no binding can serve it"));
                    continue;
                }
                items.put(id, new Item(p.line(), body(text, binding, id)));
                if (!attached.contains(id))
                    groups.computeIfAbsent(binding, b -> new ArrayList<>()).add(id);
            }
        }
        for (String binding : groups.keySet()) api(binding); // refuse before anything is submitted
        List<JobLog.Job> pending = new ArrayList<>(open);
        groups.forEach((binding, ids) -> pending.addAll(submit(binding, ids)));
        for (JobLog.Job job : pending) collect(job, 0);
    }

    /** Submits {@code ids} in jobs no larger than the provider's limits; each job is journaled before it is polled. */
    private List<JobLog.Job> submit(String binding, List<String> ids) {
        OpenAiBatchApi api = api(binding);
        List<JobLog.Job> created = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        List<String> chunk = new ArrayList<>();
        for (String id : ids) {
            String line = java.util.Objects.requireNonNull(items.get(id)).body() + "\n";
            long bytes = file.length() + (long) line.getBytes(StandardCharsets.UTF_8).length;
            if (!chunk.isEmpty() && (chunk.size() >= OPENAI_MAX_REQUESTS || bytes > OPENAI_MAX_BYTES)) {
                created.add(create(api, binding, file.toString(), chunk));
                file.setLength(0);
                chunk = new ArrayList<>();
            }
            file.append(line);
            chunk.add(id);
        }
        if (!chunk.isEmpty()) created.add(create(api, binding, file.toString(), chunk));
        return created;
    }

    private JobLog.Job create(OpenAiBatchApi api, String binding, String jsonl, List<String> ids) {
        String jobId = api.create(api.upload(jsonl));
        JobLog.Job job = new JobLog.Job(jobId, binding, List.copyOf(ids));
        jobs.created(job);
        return job;
    }

    private void collect(JobLog.Job job, int resubmits) {
        OpenAiBatchApi api = api(job.binding());
        OpenAiBatchApi.State state = config.noWait ? api.state(job.id()) : poll(api, job.id());
        if (!state.terminal()) {
            run.pending();
            return;
        }
        Set<String> missing = new HashSet<>(job.customIds());
        for (String fileId : new String[] {state.outputFileId(), state.errorFileId()}) {
            if (fileId == null) continue;
            for (String text : api.content(fileId).split("\n")) {
                if (!text.isBlank()) answer(job, text, missing);
            }
        }
        jobs.collected(job.id());
        if (missing.isEmpty()) return;
        boolean retryable = state.status().equals("expired") || state.status().equals("cancelled");
        if (retryable && resubmits < config.maxResubmits) {
            List<String> again =
                    job.customIds().stream().filter(missing::contains).toList();
            for (JobLog.Job next : submit(job.binding(), again)) collect(next, resubmits + 1);
            return;
        }
        for (String id : job.customIds()) {
            if (!missing.contains(id)) continue;
            ParsedLine line = java.util.Objects.requireNonNull(items.get(id)).line();
            rec.failed(
                    line,
                    Records.batchError(
                            line.line(),
                            id,
                            "batch_" + state.status(),
                            job.binding() + ": batch " + job.id() + " ended " + state.status()
                                    + " without answering this line",
                            0));
        }
    }

    private OpenAiBatchApi.State poll(OpenAiBatchApi api, String jobId) {
        Duration wait = config.firstPoll;
        while (true) {
            OpenAiBatchApi.State state = api.state(jobId);
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

    /** Journals one line of an output or error file. */
    private void answer(JobLog.Job job, String text, Set<String> missing) {
        JsonNode node;
        try {
            node = Jsons.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ProviderBatchException("batch " + job.id() + ": a result line is not JSON");
        }
        String id = node.path("custom_id").asText(null);
        String code = node.path("error").path("code").asText("");
        if (code.equals("batch_expired") || code.equals("batch_cancelled")) return; // left missing: may be resubmitted
        if (id == null || !missing.remove(id)) return; // unknown or already answered
        ParsedLine line = java.util.Objects.requireNonNull(items.get(id)).line();
        JsonNode response = node.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode body = response.path("body");
        if (status == 200 && body.isObject()) {
            JsonNode usage = body.path("usage");
            long in = usage.path("prompt_tokens").asLong(0);
            long out = usage.path("completion_tokens").asLong(0);
            BigDecimal usd = price(job.binding(), in, out).orElse(null);
            rec.answered(line, Records.batchOk(line.line(), id, job.binding(), body, usd), in, out, usd);
        } else {
            JsonNode error = body.has("error") ? body.path("error") : node.path("error");
            String type = error.path("type").asText(error.path("code").asText("batch_request_failed"));
            String message = error.path("message").asText("the request failed in batch " + job.id());
            rec.failed(line, Records.batchError(line.line(), id, type, job.binding() + ": " + message, status));
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
        return Optional.of(full.multiply(ProviderBatch.OPENAI_DISCOUNT).stripTrailingZeros());
    }

    private OpenAiBatchApi api(String binding) {
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
        return new OpenAiBatchApi(http, endpoint.baseUrl(), endpoint.apiKey());
    }

    /** The line as an OpenAI Batch request to {@code binding}'s model. */
    private static String body(String text, String binding, String id) {
        try {
            JsonNode node = Jsons.MAPPER.readTree(text);
            ObjectNode body =
                    node.has("body") ? (ObjectNode) node.get("body").deepCopy() : ((ObjectNode) node).deepCopy();
            body.remove(List.of("custom_id", "method", "url", "stream", "stream_options"));
            body.put("model", binding.substring(binding.indexOf(':') + 1));
            ObjectNode request = Jsons.MAPPER.createObjectNode();
            request.put("custom_id", id);
            request.put("method", "POST");
            request.put("url", "/v1/chat/completions");
            request.set("body", body);
            return request.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
