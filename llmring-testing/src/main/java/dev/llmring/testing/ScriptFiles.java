package dev.llmring.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a script from its JSON form (documented in {@code docs/testing.md}): an object with {@code steps} (and
 * optionally {@code "cycle": true}), or just the array of steps. Unknown fields are errors, so a typo never
 * silently changes a test.
 */
final class ScriptFiles {
    /** Scripts nest a few levels; the bound keeps a hostile one (or a provider body read back) from going deep. */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> STEP_FIELDS = Set.of(
            "reply",
            "echo",
            "reasoning",
            "tool_calls",
            "finish",
            "usage",
            "fail",
            "error",
            "message",
            "retry_after_ms",
            "delay_ms",
            "chunk",
            "event_delay_ms",
            "cut_after",
            "malformed_after",
            "error_after",
            "error_status",
            "times");
    private static final Set<String> USAGE_FIELDS = Set.of("input", "output", "cached", "cache_write", "reasoning");

    private ScriptFiles() {}

    /**
     * Reads the script {@code name} from {@code in}, described as {@code source} in errors.
     *
     * @throws IllegalArgumentException when the JSON is malformed or a step is invalid, naming source, step and field
     */
    static Script read(String name, InputStream in, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("script " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + source, e);
        }
        JsonNode steps = root;
        Script.Builder b = Script.builder(name);
        if (root != null && root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("steps") && !f.equals("cycle")) {
                    throw new IllegalArgumentException(
                            "script " + source + ": unknown field '" + f + "' (known: steps, cycle)");
                }
            }
            steps = root.path("steps");
            if (root.path("cycle").asBoolean(false)) b.cycle();
        }
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException("script " + source + " needs a non-empty array of steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) b.then();
            try {
                step(b, steps.get(i));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("script " + source + ", step " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("script " + source + ": " + e.getMessage(), e);
        }
    }

    private static void step(Script.Builder b, JsonNode step) {
        if (!step.isObject()) throw new IllegalArgumentException("a step must be a JSON object");
        checkFields(step, STEP_FIELDS, "step");
        if (step.has("fail")) {
            int status = integer(step, "fail");
            if (step.has("error")) b.failWith(status, kind(step.get("error").asText()));
            else b.failWith(status);
            if (step.has("retry_after_ms")) b.retryAfter(Duration.ofMillis(integer(step, "retry_after_ms")));
        }
        if (step.has("reply")) b.reply(text(step, "reply"));
        if (step.path("echo").asBoolean(false)) b.echo();
        if (step.has("reasoning")) b.reasoning(text(step, "reasoning"));
        for (JsonNode call : step.path("tool_calls")) {
            checkFields(call, Set.of("id", "name", "arguments"), "tool call");
            JsonNode args = call.path("arguments");
            String argsJson = args.isMissingNode() ? "{}" : args.isTextual() ? args.asText() : args.toString();
            if (call.has("id")) b.toolCall(text(call, "id"), text(call, "name"), argsJson);
            else b.toolCall(text(call, "name"), argsJson);
        }
        if (step.has("finish")) b.finish(text(step, "finish"));
        if (step.has("usage")) b.usage(usage(step.get("usage")));
        if (step.has("delay_ms")) b.delay(Duration.ofMillis(integer(step, "delay_ms")));
        if (step.has("chunk")) b.chunkSize(integer(step, "chunk"));
        if (step.has("event_delay_ms")) b.eventDelay(Duration.ofMillis(integer(step, "event_delay_ms")));
        if (step.has("cut_after")) b.cutAfter(integer(step, "cut_after"));
        if (step.has("malformed_after")) b.malformedAfter(integer(step, "malformed_after"));
        if (step.has("error_after")) {
            b.errorAfter(integer(step, "error_after"), step.has("error_status") ? integer(step, "error_status") : 529);
        }
        if (step.has("times")) b.times(integer(step, "times"));
    }

    private static Usage usage(JsonNode u) {
        checkFields(u, USAGE_FIELDS, "usage");
        return Usage.builder()
                .inputTokens(u.path("input").asLong(0))
                .outputTokens(u.path("output").asLong(0))
                .cachedInputTokens(u.path("cached").asLong(0))
                .cacheWriteTokens(u.path("cache_write").asLong(0))
                .reasoningTokens(u.path("reasoning").asLong(0))
                .build();
    }

    private static ErrorKind kind(String name) {
        try {
            return ErrorKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown error kind '" + name + "' (known: "
                            + java.util.Arrays.toString(ErrorKind.values()).toLowerCase(Locale.ROOT) + ")",
                    e);
        }
    }

    private static void checkFields(JsonNode node, Set<String> known, String what) {
        if (!node.isObject()) throw new IllegalArgumentException("a " + what + " must be a JSON object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String f = it.next().getKey();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(
                        "unknown " + what + " field '" + f + "' (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("'" + field + "' must be a string");
        return v.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer");
        }
        return v.intValue();
    }
}
