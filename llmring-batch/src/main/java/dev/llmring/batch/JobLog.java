package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider jobs of a run, {@code jobs.jsonl} in the state directory: one line when a job is created (before it is
 * polled) and one when its results are journaled, so a restarted run re-attaches to an open job instead of submitting
 * its lines again. A torn last line (a crash mid-write) is ignored.
 */
final class JobLog {
    /** A job still open: created and not yet collected. */
    record Job(String id, String binding, List<String> customIds) {}

    private final Path file;

    JobLog(Path stateDirectory) {
        this.file = stateDirectory.resolve("jobs.jsonl");
    }

    /** The jobs created and not collected, in creation order. */
    List<Job> open() {
        if (!Files.exists(file)) return List.of();
        Map<String, Job> open = new LinkedHashMap<>();
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode node;
                try {
                    node = Jsons.MAPPER.readTree(text);
                } catch (IOException torn) {
                    continue;
                }
                if (node == null || !node.isObject()) continue;
                String id = node.path("job").asText();
                if (node.path("collected").asBoolean(false)) {
                    open.remove(id);
                } else {
                    List<String> ids = new ArrayList<>();
                    node.path("custom_ids").forEach(n -> ids.add(n.asText()));
                    open.put(id, new Job(id, node.path("binding").asText(), List.copyOf(ids)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return List.copyOf(open.values());
    }

    void created(Job job) {
        ObjectNode node = Jsons.MAPPER.createObjectNode();
        node.put("job", job.id());
        node.put("binding", job.binding());
        job.customIds().forEach(node.putArray("custom_ids")::add);
        append(node);
    }

    void collected(String jobId) {
        ObjectNode node = Jsons.MAPPER.createObjectNode();
        node.put("job", jobId);
        node.put("collected", true);
        append(node);
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
