package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.LlmRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Input files, runs and output reading for the batch tests. */
final class BatchFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    private BatchFixture() {}

    /** A short-shape line asking {@code model} to say {@code text}. */
    static String shortLine(String id, String model, String text) {
        return "{\"custom_id\":\"" + id + "\",\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}],\"max_tokens\":50}";
    }

    /** An OpenAI Batch line. */
    static String batchLine(String id, String model, String text) {
        return "{\"custom_id\":\"" + id
                + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\""
                + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}],\"max_tokens\":50}}";
    }

    /** {@code n} short lines {@code id-1 … id-n} for gpt-4o-mini. */
    static List<String> lines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) lines.add(shortLine("id-" + i, "openai:gpt-4o-mini", "prompt number " + i));
        return lines;
    }

    static Path write(Path dir, String name, List<String> lines) {
        try {
            return Files.writeString(dir.resolve(name), lines.stream().collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BatchRunner.Builder runner(LlmRing ring, Path input, Path output) {
        return BatchRunner.builder(ring).input(input).output(output).syncInterval(java.time.Duration.ZERO);
    }

    static List<JsonNode> records(Path output) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(output)) out.add(JSON.readTree(line));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> ids(Path output) {
        return records(output).stream().map(r -> r.path("custom_id").asText()).toList();
    }

    static JsonNode record(Path output, String id) {
        return records(output).stream()
                .filter(r -> r.path("custom_id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record for " + id));
    }
}
