package dev.llmring.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One input line, read: its {@code custom_id}, the hash of what it asks for, and either the request or why the line
 * cannot be sent. Two shapes are read: the OpenAI Batch line {@code {"custom_id", "method": "POST", "url":
 * "/v1/chat/completions", "body": {...}}} and the short line {@code {"custom_id", "model", "messages", ...}}.
 *
 * <p>The hash is SHA-256 over the request body with its members sorted (and the alias that overrides the model), so
 * that reformatting a line does not change it; it identifies "the same request" across runs.
 */
record ParsedLine(
        long line,
        @Nullable String customId,
        String requestHash,
        @Nullable ChatRequest request,
        @Nullable String error) {

    private static final JsonFactory FACTORY = Jsons.MAPPER.getFactory();

    /** The journal key of this line. */
    long key() {
        return customId != null ? LongIndex.key(customId) : LongIndex.lineKey(line);
    }

    static ParsedLine parse(long line, String text, @Nullable String alias) {
        JsonNode node;
        try {
            node = Jsons.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            return failed(
                    line,
                    quickId(text),
                    "not valid JSON" + (where == null ? "" : " (at column " + where.getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) return failed(line, null, "not a JSON object");
        JsonNode id = node.get("custom_id");
        if (id == null || id.isNull()) return failed(line, null, "'custom_id' is missing");
        if (!id.isTextual() || id.asText().isEmpty())
            return failed(line, null, "'custom_id' must be a non-empty string");
        String customId = id.asText();
        ObjectNode body;
        if (node.has("body") || node.has("url") || node.has("method")) {
            JsonNode method = node.get("method");
            if (method != null && !"POST".equals(method.asText())) {
                return failed(line, customId, "'method' must be POST, was '" + method.asText() + "'");
            }
            JsonNode url = node.get("url");
            if (url != null && !"/v1/chat/completions".equals(url.asText())) {
                return failed(line, customId, "'url' must be /v1/chat/completions, was '" + url.asText() + "'");
            }
            JsonNode b = node.get("body");
            if (b == null || !b.isObject()) return failed(line, customId, "'body' must be an object");
            body = (ObjectNode) b;
        } else {
            body = ((ObjectNode) node).deepCopy();
            body.remove("custom_id");
        }
        String hash = hash(body, alias);
        try {
            return new ParsedLine(line, customId, hash, RequestReader.read(body, alias), null);
        } catch (IllegalArgumentException e) {
            return new ParsedLine(line, customId, hash, null, e.getMessage());
        }
    }

    private static ParsedLine failed(long line, @Nullable String customId, String why) {
        return new ParsedLine(line, customId, "", null, why);
    }

    /**
     * The {@code custom_id} of a line without reading the rest into a tree (the first pass over millions of lines):
     * the top-level member's string value; null when the line is not a JSON object or has none.
     */
    static @Nullable String quickId(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("custom_id".equals(name)) {
                    return value == JsonToken.VALUE_STRING && !p.getText().isEmpty() ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static String hash(JsonNode body, @Nullable String alias) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        StringBuilder canonical = new StringBuilder(256);
        canonical(body, canonical);
        if (alias != null) canonical.append("\u0000alias=").append(alias);
        byte[] digest = sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) out.append(',');
                first = false;
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()));
                out.append(':');
                canonical(e.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
