package dev.llmring.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a registry document. Numbers are read as exact decimals (never through {@code double}), unknown fields are
 * ignored, and a field with a value of the wrong type is dropped (logged at DEBUG) rather than failing the document:
 * the registry is hand-curated and has carried {@code null}s, {@code 0} context windows and {@code null} alias lists.
 * Only a document that is not a JSON object with a {@code models} object is rejected.
 *
 * <p>The document is read with jackson-core's streaming parser alone (issue 18: no jackson-databind class is loaded to
 * read the registry), keeping only the fields a {@link ModelInfo} is built from. It behaves as reading a Jackson tree
 * did, which the tests check against that reference: the whole document is read before anything is decided, so a
 * syntax error anywhere wins over a wrong shape; of a repeated key the last value counts, at the key's first place;
 * every string and number is decoded, even in fields that are ignored, so that a document is refused for the same
 * malformed text; and nothing may follow the document.
 */
final class RegistryParser {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryParser.class);
    /** A registry document nests four or five levels; the bound keeps a hostile one from going deep. */
    private static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** The entry fields a {@link ModelInfo} is built from, besides the {@code supports_*} / {@code is_*} flags. */
    private static final Set<String> ENTRY_FIELDS = entryFields();

    /** An object or an array where a scalar was wanted (or, for an entry, where an object was wanted). */
    private static final Object COMPOSITE = new Object();
    /** A JSON {@code null}: present, unlike a missing field, but of no type. */
    private static final Object NULL = new Object();

    /** A number as the text gave it, and whether it was written as an integer (no fraction, no exponent). */
    private record Num(BigDecimal value, boolean integral) {}

    /** What the document's root holds; {@code models} is {@code null} unless its last value was an object. */
    private record Root(@Nullable Object version, @Nullable Object updatedAt, @Nullable Map<String, Object> models) {}

    private RegistryParser() {}

    /**
     * @param provider the provider the document was fetched for; entries are filed under it
     * @param snapshotVersion the version in the URL for a snapshot, which wins over the document's own field
     * @throws RegistryException when the text is not a registry document
     */
    static RegistryDocument parse(byte[] body, String provider, @Nullable Integer snapshotVersion, String source) {
        Root root;
        try (JsonParser p = FACTORY.createParser(body)) {
            root = readDocument(p);
        } catch (JsonProcessingException e) {
            throw notJson(provider, source, e.getOriginalMessage());
        } catch (NumberFormatException e) { // a number jackson-core cannot make a BigDecimal of, e.g. 1e999999999999
            throw notJson(provider, source, e.getMessage());
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot read registry document for " + provider + " from " + source, provider, e);
        }
        if (root == null || root.models() == null) {
            throw new RegistryException(
                    "registry document for " + provider + " from " + source
                            + " is not an object with a 'models' object",
                    provider);
        }
        int version = snapshotVersion != null ? snapshotVersion : intOrZero(root.version());
        String updatedAt = root.updatedAt() instanceof String s ? s : null;
        List<ModelInfo> models = new ArrayList<>();
        for (Map.Entry<String, Object> e : root.models().entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> fields)) {
                LOG.debug("registry {}: entry '{}' is not an object, skipped", provider, e.getKey());
                continue;
            }
            @SuppressWarnings("unchecked") // readEntry made it
            ModelInfo m = entry(provider, e.getKey(), (Map<String, Object>) fields, version);
            if (m != null) models.add(m);
        }
        return new RegistryDocument(provider, version, updatedAt, models);
    }

    private static RegistryException notJson(String provider, String source, @Nullable String detail) {
        return new RegistryException(
                "registry document for " + provider + " from " + source + " is not JSON: " + detail, provider, null);
    }

    /** Reads the whole text; {@code null} when it is empty or its root is not an object. */
    private static @Nullable Root readDocument(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) return null;
        Root root = null;
        if (t == JsonToken.START_OBJECT) {
            Object version = null;
            Object updatedAt = null;
            Object models = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "version" -> version = scalar(p, v);
                    case "updated_at" -> updatedAt = scalar(p, v);
                    case "models" -> models = v == JsonToken.START_OBJECT ? readModels(p) : skip(p, v);
                    default -> skip(p, v);
                }
            }
            @SuppressWarnings("unchecked") // readModels made it
            Map<String, Object> entries = models instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            root = new Root(version, updatedAt, entries);
        } else {
            skip(p, t);
        }
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after value: not allowed");
        }
        return root;
    }

    /** The entries by key, in the order of each key's first appearance: an entry's fields, or {@link #COMPOSITE}. */
    private static Map<String, Object> readModels(JsonParser p) throws IOException {
        Map<String, Object> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            entries.put(key, v == JsonToken.START_OBJECT ? readEntry(p) : skip(p, v));
        }
        return entries;
    }

    /** An entry's fields that matter, in the order of each name's first appearance, each with its last value. */
    private static Map<String, Object> readEntry(JsonParser p) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("model_aliases") && v == JsonToken.START_ARRAY) {
                fields.put(name, readTexts(p));
            } else if (ENTRY_FIELDS.contains(name) || name.startsWith("supports_") || name.startsWith("is_")) {
                fields.put(name, scalar(p, v));
            } else {
                skip(p, v);
            }
        }
        return fields;
    }

    /** The textual elements of an array; other elements are read and dropped. */
    private static List<String> readTexts(JsonParser p) throws IOException {
        List<String> texts = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                texts.add(p.getText());
            } else {
                skip(p, t);
            }
        }
        return texts;
    }

    /** The value at {@code t}: a String, {@link Num}, Boolean, {@link #NULL}, or {@link #COMPOSITE} (read through). */
    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> new Num(p.getDecimalValue(), true);
            case VALUE_NUMBER_FLOAT -> new Num(p.getDecimalValue(), false);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> skip(p, t);
        };
    }

    /**
     * Reads through the value at {@code t}, decoding every string and number in it as a tree would (so malformed text
     * is refused wherever it is); the depth bound is the parser's.
     *
     * @return {@link #COMPOSITE} for an object or an array, else {@link #NULL} (the value is not kept)
     */
    private static Object skip(JsonParser p, JsonToken t) throws IOException {
        int depth = 0;
        do {
            if (t == null) throw new JsonParseException(p, "Unexpected end-of-input");
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_STRING -> p.getTextCharacters();
                case VALUE_NUMBER_INT -> p.getNumberType();
                case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                default -> {} // field names are decoded by nextToken; true, false and null carry nothing
            }
            if (depth > 0) t = p.nextToken();
        } while (depth > 0);
        return t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY ? COMPOSITE : NULL;
    }

    private static @Nullable ModelInfo entry(String provider, String key, Map<String, Object> n, int version) {
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
        if (n.get("model_aliases") instanceof List<?> aliases) {
            aliases.forEach(a -> b.alias((String) a));
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
        for (Map.Entry<String, Object> f : n.entrySet()) {
            if (f.getValue() instanceof Boolean flag
                    && (f.getKey().startsWith("supports_") || f.getKey().startsWith("is_"))
                    && !f.getKey().equals("is_active")) {
                b.capability(f.getKey(), flag);
            }
        }
        if (n.get("is_active") instanceof Boolean active) b.active(active);
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

    private static @Nullable String text(Map<String, Object> n, String field) {
        return n.get(field) instanceof String s ? s : null;
    }

    private static @Nullable BigDecimal decimal(Map<String, Object> n, String field) {
        Object v = n.get(field);
        BigDecimal d = null;
        if (v instanceof Num num) {
            d = num.value();
        } else if (v instanceof String s) {
            try {
                d = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                d = null;
            }
        }
        if (d != null && d.signum() < 0) d = null;
        if (d == null && v != null && v != NULL) LOG.debug("registry: unreadable {} '{}' dropped", field, describe(v));
        return d;
    }

    private static @Nullable Long positiveLong(Map<String, Object> n, String field) {
        if (!(n.get(field) instanceof Num num) || num.value().signum() <= 0) return null;
        try {
            return num.value().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A positive integer within {@code int} range, or a text holding an integer (negatives count as 0); else 0. */
    private static int intOrZero(@Nullable Object v) {
        if (v instanceof Num num) {
            if (!num.integral()) return 0;
            try {
                return Math.max(num.value().intValueExact(), 0);
            } catch (ArithmeticException e) {
                return 0;
            }
        }
        if (v instanceof String s) {
            try {
                return Math.max(Integer.parseInt(s.trim()), 0);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static Object describe(Object v) {
        if (v instanceof Num num) return num.value();
        return v == COMPOSITE ? "an object or array" : v;
    }

    private static Set<String> entryFields() {
        Set<String> names = new HashSet<>(List.of(
                "model_name",
                "display_name",
                "model_aliases",
                "max_input_tokens",
                "max_output_tokens",
                "long_context_threshold_tokens",
                "deprecated_date",
                "api_endpoint"));
        for (ModelInfo.Price p : ModelInfo.Price.values()) names.add(p.field);
        return Set.copyOf(names);
    }
}
