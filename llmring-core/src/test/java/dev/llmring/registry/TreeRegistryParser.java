package dev.llmring.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-streaming reference: {@link RegistryParser} as it was before issue 18, reading the whole document into a
 * Jackson tree. Kept in test scope only, as the oracle {@code RegistryParserDifferentialTest} checks the streaming
 * parser against; do not change it except to follow a deliberate change of the parsing rules.
 */
final class TreeRegistryParser {
    private static final Logger LOG = LoggerFactory.getLogger(TreeRegistryParser.class);
    /** A registry document nests four or five levels; the bound keeps a hostile one from going deep. */
    private static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 10.0 stays 10.0, not 1E+1
            .build();

    private TreeRegistryParser() {}

    /**
     * @param provider the provider the document was fetched for; entries are filed under it
     * @param snapshotVersion the version in the URL for a snapshot, which wins over the document's own field
     * @throws RegistryException when the text is not a registry document
     */
    static RegistryDocument parse(byte[] body, String provider, @Nullable Integer snapshotVersion, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RegistryException(
                    "registry document for " + provider + " from " + source + " is not JSON: " + e.getOriginalMessage(),
                    provider,
                    null);
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot read registry document for " + provider + " from " + source, provider, e);
        }
        if (root == null || !root.isObject() || !root.path("models").isObject()) {
            throw new RegistryException(
                    "registry document for " + provider + " from " + source
                            + " is not an object with a 'models' object",
                    provider);
        }
        int version = snapshotVersion != null ? snapshotVersion : intOrZero(root.get("version"));
        String updatedAt =
                root.path("updated_at").isTextual() ? root.get("updated_at").asText() : null;
        List<ModelInfo> models = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.get("models").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                LOG.debug("registry {}: entry '{}' is not an object, skipped", provider, e.getKey());
                continue;
            }
            ModelInfo m = entry(provider, e.getKey(), e.getValue(), version);
            if (m != null) models.add(m);
        }
        return new RegistryDocument(provider, version, updatedAt, models);
    }

    private static @Nullable ModelInfo entry(String provider, String key, JsonNode n, int version) {
        String name = text(n, "model_name");
        if (name == null || name.isBlank()) {
            int colon = key.indexOf(':');
            name = colon >= 0 ? key.substring(colon + 1) : key;
        }
        if (name.isBlank()) {
            LOG.debug("registry {}: entry '{}' has no model name, skipped", provider, key);
            return null;
        }
        ModelInfo.Builder b = ModelInfo.builder(provider, name);
        if (version > 0) b.registryVersion(version);
        String display = text(n, "display_name");
        if (display != null && !display.isBlank()) b.displayName(display);
        JsonNode aliases = n.get("model_aliases");
        if (aliases != null && aliases.isArray()) {
            aliases.forEach(a -> {
                if (a.isTextual()) b.alias(a.asText());
            });
        }
        Long maxIn = positiveLong(n, "max_input_tokens");
        if (maxIn != null) b.maxInputTokens((int) Math.min(maxIn, Integer.MAX_VALUE));
        Long maxOut = positiveLong(n, "max_output_tokens");
        if (maxOut != null) b.maxOutputTokens((int) Math.min(maxOut, Integer.MAX_VALUE));
        for (ModelInfo.Price p : ModelInfo.Price.values()) {
            BigDecimal price = decimal(n, p.field);
            if (price != null) b.price(p, price);
        }
        Long threshold = positiveLong(n, "long_context_threshold_tokens");
        if (threshold != null) b.longContextThreshold(threshold);
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isBoolean()
                    && (f.getKey().startsWith("supports_") || f.getKey().startsWith("is_"))
                    && !f.getKey().equals("is_active")) {
                b.capability(f.getKey(), f.getValue().booleanValue());
            }
        }
        JsonNode active = n.get("is_active");
        if (active != null && active.isBoolean()) b.active(active.booleanValue());
        String deprecated = text(n, "deprecated_date");
        if (deprecated != null && !deprecated.isBlank()) {
            try {
                // a timestamp is accepted too; its date part counts
                b.deprecatedDate(LocalDate.parse(deprecated.length() > 10 ? deprecated.substring(0, 10) : deprecated));
            } catch (DateTimeParseException ex) {
                LOG.debug("registry {}: model {} has an unreadable deprecated_date '{}'", provider, name, deprecated);
            }
        }
        String endpoint = text(n, "api_endpoint");
        if (endpoint != null && !endpoint.isBlank()) b.apiEndpoint(endpoint);
        return b.build();
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static @Nullable BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        BigDecimal d = null;
        if (v != null && v.isNumber()) {
            d = v.decimalValue();
        } else if (v != null && v.isTextual()) {
            try {
                d = new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                d = null;
            }
        }
        if (d != null && d.signum() < 0) d = null;
        if (d == null && v != null && !v.isNull()) LOG.debug("registry: unreadable {} '{}' dropped", field, v);
        return d;
    }

    private static @Nullable Long positiveLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) return null;
        BigDecimal d = v.decimalValue();
        if (d.signum() <= 0) return null;
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static int intOrZero(@Nullable JsonNode v) {
        if (v == null) return 0;
        if (v.canConvertToInt() && v.isIntegralNumber() && v.intValue() > 0) return v.intValue();
        if (v.isTextual()) {
            try {
                int i = Integer.parseInt(v.asText().trim());
                return Math.max(i, 0);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
