package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The provider jobs of a run, {@code jobs.jsonl} in the state directory: one line when a job is created (before it is
 * polled), one when {@code batch cancel} asked the provider to cancel it, and one when its results are journaled, so a
 * restarted run re-attaches to an open job instead of submitting its lines again. A torn last line (a crash mid-write)
 * is ignored. Next to it, {@code run.json} names the input and output of the run that created the jobs, so {@code
 * batch collect} can journal their results without being told again.
 */
final class JobLog {
    static final String FILE = "jobs.jsonl";
    static final String RUN_FILE = "run.json";

    /** A job: created, maybe cancelled by request, maybe collected. */
    record Job(String id, String binding, List<String> customIds, boolean cancelRequested, boolean collected) {
        Job(String id, String binding, List<String> customIds) {
            this(id, binding, customIds, false, false);
        }
    }

    /** What {@code run.json} holds: the run's input and output files and its {@code --alias}. */
    record RunFiles(Path input, Path output, @Nullable String alias) {}

    private final Path directory;
    private final Path file;

    JobLog(Path stateDirectory) {
        this.directory = stateDirectory;
        this.file = stateDirectory.resolve(FILE);
    }

    /** The jobs created and not collected, in creation order. */
    List<Job> open() {
        return all().stream().filter(j -> !j.collected()).toList();
    }

    /** Every job created, in creation order. */
    List<Job> all() {
        if (!Files.exists(file)) return List.of();
        Map<String, Job> jobs = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                JsonNode node;
                try {
                    node = Jsons.MAPPER.readTree(text);
                } catch (IOException torn) {
                    continue;
                }
                if (node == null || !node.isObject()) continue;
                String id = node.path("job").asText();
                Job known = jobs.get(id);
                if (node.path("collected").asBoolean(false)) {
                    if (known != null) jobs.put(id, withFlags(known, known.cancelRequested(), true));
                } else if (node.path("cancel_requested").asBoolean(false)) {
                    if (known != null) jobs.put(id, withFlags(known, true, known.collected()));
                } else {
                    List<String> ids = new ArrayList<>();
                    node.path("custom_ids").forEach(n -> ids.add(n.asText()));
                    jobs.put(id, new Job(id, node.path("binding").asText(), List.copyOf(ids)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return List.copyOf(jobs.values());
    }

    private static Job withFlags(Job j, boolean cancelRequested, boolean collected) {
        return new Job(j.id(), j.binding(), j.customIds(), cancelRequested, collected);
    }

    void created(Job job) {
        ObjectNode node = Jsons.MAPPER.createObjectNode();
        node.put("job", job.id());
        node.put("binding", job.binding());
        job.customIds().forEach(node.putArray("custom_ids")::add);
        append(node);
    }

    void cancelRequested(String jobId) {
        ObjectNode node = Jsons.MAPPER.createObjectNode();
        node.put("job", jobId);
        node.put("cancel_requested", true);
        append(node);
    }

    void collected(String jobId) {
        ObjectNode node = Jsons.MAPPER.createObjectNode();
        node.put("job", jobId);
        node.put("collected", true);
        append(node);
    }

    /** Records the run's files in {@code run.json} (replaced atomically). */
    void run(RunFiles files) {
        ObjectNode node = Jsons.MAPPER.createObjectNode();
        node.put("input", files.input().toAbsolutePath().toString());
        node.put("output", files.output().toAbsolutePath().toString());
        if (files.alias() != null) node.put("alias", files.alias());
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve(RUN_FILE + ".tmp");
            Files.writeString(tmp, node + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, directory.resolve(RUN_FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(RUN_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The run's files, when a provider-mode run recorded them. */
    Optional<RunFiles> run() {
        Path f = directory.resolve(RUN_FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            JsonNode node = Jsons.MAPPER.readTree(Files.readString(f, StandardCharsets.UTF_8));
            String alias = node.path("alias").asText(null);
            return Optional.of(new RunFiles(
                    Path.of(node.path("input").asText()),
                    Path.of(node.path("output").asText()),
                    alias));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void append(ObjectNode node) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    node + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
