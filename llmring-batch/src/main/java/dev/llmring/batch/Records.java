package dev.llmring.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatResponse;
import dev.llmring.Cost;
import dev.llmring.LlmRingException;
import dev.llmring.RoutingTrace;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The output records, one JSON object per line on one line: {@code custom_id}, {@code line}, {@code status}
 * ({@code ok}, {@code error}, {@code skipped}), and for an answer the serving {@code binding}, the {@code response}
 * (text, tool calls, finish reason, usage), the {@code cost} with its status, {@code attempts} and
 * {@code latency_ms}; for a failure the {@code error} as type, message and HTTP status; for a skip its
 * {@code reason}. Never a key, never the prompt.
 */
final class Records {
    private Records() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String record(long line, @Nullable String customId, String status, Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Jsons.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("custom_id", customId);
            g.writeNumberField("line", line);
            g.writeStringField("status", status);
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String ok(long line, String customId, ChatResponse r) {
        return record(line, customId, "ok", g -> {
            g.writeStringField("binding", r.binding());
            g.writeObjectFieldStart("response");
            g.writeStringField("text", r.text());
            if (!r.toolCalls().isEmpty()) {
                g.writeArrayFieldStart("tool_calls");
                for (ToolCall c : r.toolCalls()) {
                    g.writeStartObject();
                    g.writeStringField("id", c.id());
                    g.writeStringField("name", c.name());
                    g.writeStringField("arguments", c.argumentsJson());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField("finish_reason", r.finishReason().kind());
            Optional<Usage> usage = r.usage();
            if (usage.isPresent()) {
                Usage u = usage.get();
                g.writeObjectFieldStart("usage");
                g.writeNumberField("input_tokens", u.inputTokens());
                g.writeNumberField("output_tokens", u.outputTokens());
                if (u.cachedInputTokens() > 0) g.writeNumberField("cached_input_tokens", u.cachedInputTokens());
                if (u.reasoningTokens() > 0) g.writeNumberField("reasoning_tokens", u.reasoningTokens());
                g.writeNumberField("total_tokens", u.totalTokens());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("cost");
            Optional<Cost> cost = r.cost();
            g.writeStringField("status", cost.map(c -> c.status().name()).orElse("unpriced"));
            if (cost.isPresent() && cost.get().isPriced()) {
                g.writeFieldName("usd");
                g.writeNumber(cost.get().total().toPlainString());
            }
            g.writeEndObject();
            g.writeNumberField("attempts", attempts(r.trace()));
            g.writeNumberField("latency_ms", r.latency().toMillis());
        });
    }

    static String error(long line, @Nullable String customId, LlmRingException e, Duration latency) {
        int attempts = e.trace().map(Records::attempts).orElse(0);
        return error(line, customId, type(e), String.valueOf(e.getMessage()), e.status(), attempts, latency);
    }

    /** A failure that is not the library's own (a bug); its class and message, no stack. */
    static String unexpected(long line, @Nullable String customId, RuntimeException e) {
        return error(line, customId, "unexpected", e.getClass().getName() + ": " + e.getMessage(), 0, 0, Duration.ZERO);
    }

    /** A line that cannot be sent (unreadable, missing a field, unknown role …). */
    static String invalid(long line, @Nullable String customId, String message) {
        return error(line, customId, "invalid_line", "line " + line + ": " + message, 0, 0, Duration.ZERO);
    }

    private static String error(
            long line,
            @Nullable String customId,
            String type,
            String message,
            int status,
            int attempts,
            Duration latency) {
        return record(line, customId, "error", g -> {
            g.writeObjectFieldStart("error");
            g.writeStringField("type", type);
            g.writeStringField("message", message);
            if (status > 0) g.writeNumberField("status", status);
            g.writeEndObject();
            g.writeNumberField("attempts", attempts);
            g.writeNumberField("latency_ms", latency.toMillis());
        });
    }

    /** An answer from a provider batch job: {@code completion} is the OpenAI chat.completion body. */
    static String batchOk(long line, String customId, String binding, JsonNode completion, @Nullable BigDecimal usd) {
        return record(line, customId, "ok", g -> {
            g.writeStringField("binding", binding);
            JsonNode choice = completion.path("choices").path(0);
            JsonNode message = choice.path("message");
            g.writeObjectFieldStart("response");
            g.writeStringField("text", message.path("content").asText(""));
            if (message.path("tool_calls").size() > 0) {
                g.writeArrayFieldStart("tool_calls");
                for (JsonNode c : message.path("tool_calls")) {
                    g.writeStartObject();
                    g.writeStringField("id", c.path("id").asText());
                    g.writeStringField("name", c.path("function").path("name").asText());
                    g.writeStringField(
                            "arguments", c.path("function").path("arguments").asText());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField(
                    "finish_reason", finishReason(choice.path("finish_reason").asText("")));
            JsonNode u = completion.path("usage");
            if (u.isObject()) {
                g.writeObjectFieldStart("usage");
                g.writeNumberField("input_tokens", u.path("prompt_tokens").asLong());
                g.writeNumberField("output_tokens", u.path("completion_tokens").asLong());
                long cached =
                        u.path("prompt_tokens_details").path("cached_tokens").asLong();
                long reasoning = u.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asLong();
                if (cached > 0) g.writeNumberField("cached_input_tokens", cached);
                if (reasoning > 0) g.writeNumberField("reasoning_tokens", reasoning);
                g.writeNumberField("total_tokens", u.path("total_tokens").asLong());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("cost");
            g.writeStringField("status", usd != null ? "priced" : "unpriced");
            if (usd != null) {
                g.writeFieldName("usd");
                g.writeNumber(usd.toPlainString());
            }
            g.writeFieldName("batch_discount");
            g.writeNumber(ProviderBatch.DISCOUNT.toPlainString());
            g.writeEndObject();
            g.writeStringField("mode", "provider");
        });
    }

    private static String finishReason(String openAi) {
        return switch (openAi) {
            case "stop", "length", "tool_calls", "content_filter" -> openAi;
            case "function_call" -> "tool_calls";
            default -> "other";
        };
    }

    /** A line a provider batch job did not answer: {@code status} is the HTTP status when there was one. */
    static String batchError(long line, String customId, String type, String message, int status) {
        return error(line, customId, type, message, status, 1, Duration.ZERO);
    }

    static String skipped(long line, @Nullable String customId, String reason, String message) {
        return record(line, customId, "skipped", g -> {
            g.writeStringField("reason", reason);
            g.writeStringField("message", message);
        });
    }

    /** The cost of a response to count against a budget: its total when priced. */
    static Optional<BigDecimal> pricedCost(ChatResponse r) {
        return r.cost().filter(Cost::isPriced).map(Cost::total);
    }

    private static int attempts(RoutingTrace trace) {
        int n = 0;
        for (RoutingTrace.Attempt a : trace.attempts()) {
            if (a.outcome() != RoutingTrace.Attempt.Outcome.SKIPPED) n++;
        }
        return n;
    }

    /** {@code RateLimitException} -> {@code rate_limit}. */
    static String type(LlmRingException e) {
        String name = e.getClass().getSimpleName().replace("LlmRing", "Llmring");
        if (name.endsWith("Exception")) name = name.substring(0, name.length() - "Exception".length());
        if (name.isEmpty()) return "llmring";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) out.append('_');
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
