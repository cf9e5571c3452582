package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.registry.ModelInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** How models, prices and token counts are shown, as text and as JSON. */
final class Formats {
    private Formats() {}

    /** {@code $2.50}, {@code $0.025}: at least two decimals, more only when the price has them. */
    static String price(BigDecimal dollars) {
        BigDecimal p = dollars.stripTrailingZeros();
        if (p.scale() < 2) p = p.setScale(2, RoundingMode.UNNECESSARY);
        return "$" + p.toPlainString();
    }

    static String price(Optional<BigDecimal> dollars) {
        return dollars.map(Formats::price).orElse("-");
    }

    /** {@code 272,000}, or {@code -} when unknown. */
    static String tokens(OptionalInt tokens) {
        return tokens.isPresent() ? String.format(Locale.ROOT, "%,d", tokens.getAsInt()) : "-";
    }

    /** The registry's price fields by their JSON names (dollars per million tokens), only those it gives. */
    static Map<String, BigDecimal> prices(ModelInfo m) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        m.inputPrice().ifPresent(p -> prices.put("input", p));
        m.outputPrice().ifPresent(p -> prices.put("output", p));
        m.cachedInputPrice().ifPresent(p -> prices.put("cached_input", p));
        m.cacheReadPrice().ifPresent(p -> prices.put("cache_read", p));
        m.cacheWrite5mPrice().ifPresent(p -> prices.put("cache_write_5m", p));
        m.cacheWrite1hPrice().ifPresent(p -> prices.put("cache_write_1h", p));
        m.outputThinkingPrice().ifPresent(p -> prices.put("output_thinking", p));
        m.inputLongContextPrice().ifPresent(p -> prices.put("input_long_context", p));
        m.outputLongContextPrice().ifPresent(p -> prices.put("output_long_context", p));
        return prices;
    }

    /** Short names of what the model supports, for tables: vision, tools, json, reasoning, caching, documents. */
    static String capabilitySummary(ModelInfo m) {
        List<String> caps = new ArrayList<>();
        if (m.supportsVision()) caps.add("vision");
        if (m.supportsFunctionCalling()) caps.add("tools");
        if (m.supportsJsonSchema() || m.supportsJsonMode()) caps.add("json");
        if (m.isReasoningModel() || m.supportsThinking()) caps.add("reasoning");
        if (m.supportsCaching()) caps.add("caching");
        if (m.supportsDocuments()) caps.add("documents");
        return caps.isEmpty() ? "-" : String.join(",", caps);
    }

    /** {@code active}, {@code inactive}, {@code deprecated 2026-01-01}. */
    static String status(ModelInfo m) {
        if (!m.isActive()) return "inactive";
        return m.deprecatedDate().map(d -> "deprecated " + d).orElse("active");
    }

    /** A model as JSON; field names are documented in docs/cli.md and stay stable. */
    static ObjectNode json(ObjectNode node, ModelInfo m) {
        node.put("model", m.ref());
        node.put("provider", m.provider());
        node.put("name", m.modelName());
        node.put("display_name", m.displayName());
        var aliases = node.putArray("aliases");
        m.aliases().forEach(aliases::add);
        putInt(node, "max_input_tokens", m.maxInputTokens());
        putInt(node, "max_output_tokens", m.maxOutputTokens());
        ObjectNode prices = node.putObject("dollars_per_million_tokens");
        prices(m).forEach(prices::put);
        if (m.longContextThresholdTokens().isPresent()) {
            node.put(
                    "long_context_threshold_tokens",
                    m.longContextThresholdTokens().getAsLong());
        } else {
            node.putNull("long_context_threshold_tokens");
        }
        ObjectNode caps = node.putObject("capabilities");
        m.capabilities().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> caps.put(e.getKey(), e.getValue()));
        node.put("active", m.isActive());
        if (m.deprecatedDate().isPresent()) {
            node.put("deprecated_date", m.deprecatedDate().get().toString());
        } else {
            node.putNull("deprecated_date");
        }
        putInt(node, "registry_version", m.registryVersion());
        return node;
    }

    private static void putInt(ObjectNode node, String field, OptionalInt value) {
        if (value.isPresent()) node.put(field, value.getAsInt());
        else node.putNull(field);
    }

    /** {@code key=value, key=value}, or {@code -}. */
    static String constraints(Map<String, Object> constraints) {
        if (constraints.isEmpty()) return "-";
        return constraints.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
