package dev.llmring.providers.google;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code GenerateContentResponse}, a whole body or one stream chunk, read field by field with Jackson's streaming
 * parser into reusable fields: no tree per body or per chunk. Reading only collects; {@link GeminiDecoder} emits
 * afterwards, once the whole body or frame was read (a malformed one emits nothing).
 *
 * <p>The rules are those of the tree read this replaces: unknown fields are skipped, a repeated field's last
 * occurrence wins, scalars are read as leniently as a tree's {@code asText}/{@code asLong} read them
 * ({@link GeminiValues}), and of {@code candidates} only the first is read. A part that is kept verbatim (a raw part,
 * or a function call's {@code args}) is copied from the parser as compact JSON text; only when an object in it
 * repeats a key is its text read again as a small tree, so that the copy is what writing the tree gave.
 */
final class GeminiChunk {
    /** What {@code candidates[0]} was. */
    enum Candidate {
        /** No {@code candidates} array, or an empty one. */
        MISSING,
        /** A first candidate that is not an object. */
        NOT_OBJECT,
        OBJECT
    }

    /** What a part is. */
    enum Kind {
        /** Text, a thought, or a signature alone. */
        TEXT,
        /** A {@code functionCall}, with or without a signature. */
        CALL,
        /** None of text, thought or function call: kept verbatim in {@link Part#text}. */
        RAW,
        NOT_OBJECT
    }

    /** One element of {@code parts}. */
    static final class Part {
        Kind kind = Kind.TEXT;
        /** The {@code text} (as {@code asText("")}) or, for a raw part, the part's JSON. */
        String text = "";

        boolean thought;

        @Nullable
        String signature;

        /** The function call's {@code name}, "" when absent (or the call is not an object). */
        String name = "";

        String id = "";
        /** The function call's {@code args} as JSON text; "{}" when absent or null. */
        String args = "{}";

        void clear() {
            kind = Kind.TEXT;
            text = "";
            thought = false;
            signature = null;
            clearCall();
        }

        void clearCall() {
            name = "";
            id = "";
            args = "{}";
        }
    }

    /** Whether the chunk was a JSON object at all. */
    boolean object;

    /** The {@code error} object, when there was one (rare, so read as a tree). */
    @Nullable
    JsonNode error;

    /** A non-null {@code responseId}, as text. */
    @Nullable
    String responseId;

    /** {@code modelVersion} when it is a string. */
    @Nullable
    String modelVersion;

    /** Whether there was a {@code usageMetadata} field (even null: its counts are then 0). */
    boolean usage;

    long promptTokens;
    long toolUsePromptTokens;
    long candidatesTokens;
    long thoughtsTokens;
    long cachedTokens;

    Candidate candidate = Candidate.MISSING;

    /** The first candidate's non-null {@code finishReason}, as text. */
    @Nullable
    String finishReason;

    /** A non-null {@code promptFeedback.blockReason}, as text. */
    @Nullable
    String blockReason;

    /** The first candidate's parts: the first {@link #partCount} of these, reused from chunk to chunk. */
    private final List<Part> parts = new ArrayList<>();

    private int partCount;

    /** The input being read, for reading a value's text again. */
    private final GeminiInput input;

    GeminiChunk(GeminiInput input) {
        this.input = input;
    }

    int partCount() {
        return partCount;
    }

    Part part(int i) {
        return parts.get(i);
    }

    /**
     * Reads the value whose first token {@code parser} has just read, up to its last token.
     *
     * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
     */
    void read(JsonParser parser, JsonToken first) throws IOException {
        object = first == JsonToken.START_OBJECT;
        error = null;
        responseId = null;
        modelVersion = null;
        clearUsage();
        usage = false;
        clearCandidate();
        candidate = Candidate.MISSING;
        blockReason = null;
        if (!object) {
            ProviderJson.skip(parser);
            return;
        }
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "error" -> error = value == JsonToken.START_OBJECT ? ProviderJson.tree(parser) : skip(parser);
                case "responseId" -> responseId = GeminiValues.text(parser, value);
                case "modelVersion" -> modelVersion = GeminiValues.string(parser, value);
                case "usageMetadata" -> usage(parser, value);
                case "candidates" -> candidates(parser, value);
                case "promptFeedback" -> promptFeedback(parser, value);
                default -> ProviderJson.skip(parser);
            }
        }
    }

    private void clearUsage() {
        promptTokens = toolUsePromptTokens = candidatesTokens = thoughtsTokens = cachedTokens = 0;
    }

    private void clearCandidate() {
        finishReason = null;
        partCount = 0;
    }

    private void usage(JsonParser parser, JsonToken value) throws IOException {
        usage = true;
        clearUsage();
        if (value != JsonToken.START_OBJECT) {
            ProviderJson.skip(parser);
            return;
        }
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "promptTokenCount" -> promptTokens = GeminiValues.count(parser, token);
                case "toolUsePromptTokenCount" -> toolUsePromptTokens = GeminiValues.count(parser, token);
                case "candidatesTokenCount" -> candidatesTokens = GeminiValues.count(parser, token);
                case "thoughtsTokenCount" -> thoughtsTokens = GeminiValues.count(parser, token);
                case "cachedContentTokenCount" -> cachedTokens = GeminiValues.count(parser, token);
                default -> ProviderJson.skip(parser);
            }
        }
    }

    private void promptFeedback(JsonParser parser, JsonToken value) throws IOException {
        blockReason = null;
        if (value != JsonToken.START_OBJECT) {
            ProviderJson.skip(parser);
            return;
        }
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (field.equals("blockReason")) {
                blockReason = GeminiValues.text(parser, token);
            } else {
                ProviderJson.skip(parser);
            }
        }
    }

    /** Reads {@code candidates[0]}; the others are skipped. */
    private void candidates(JsonParser parser, JsonToken value) throws IOException {
        clearCandidate();
        candidate = Candidate.MISSING;
        if (value != JsonToken.START_ARRAY) {
            ProviderJson.skip(parser);
            return;
        }
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (candidate != Candidate.MISSING || element != JsonToken.START_OBJECT) {
                if (candidate == Candidate.MISSING) candidate = Candidate.NOT_OBJECT;
                ProviderJson.skip(parser);
                continue;
            }
            candidate = Candidate.OBJECT;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "content" -> content(parser, token);
                    case "finishReason" -> finishReason = GeminiValues.text(parser, token);
                    default -> ProviderJson.skip(parser);
                }
            }
        }
    }

    private void content(JsonParser parser, JsonToken value) throws IOException {
        partCount = 0;
        if (value != JsonToken.START_OBJECT) {
            ProviderJson.skip(parser);
            return;
        }
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (!field.equals("parts")) {
                ProviderJson.skip(parser);
            } else if (token == JsonToken.START_ARRAY) {
                partCount = 0;
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) readPart(parser, element);
            } else if (token == JsonToken.START_OBJECT) {
                partsObject(parser);
            } else {
                partCount = 0;
                ProviderJson.skip(parser);
            }
        }
    }

    /**
     * {@code parts} as an object: a tree iterated its values, each a part, in the order of their keys' first
     * occurrence, a repeated key's last value in its first one's place.
     */
    private void partsObject(JsonParser parser) throws IOException {
        partCount = 0;
        Map<String, Integer> places = new HashMap<>();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            Integer place = places.putIfAbsent(key, partCount);
            readPart(parser, parser.nextToken());
            if (place != null) {
                partCount--;
                Part replaced = parts.set(place, parts.get(partCount));
                parts.set(partCount, replaced);
            }
        }
    }

    /**
     * Reads one element of {@code parts} into the next reused {@link Part}. A part with a field other than text,
     * thought, signature and function call, and with neither text nor a function call, is raw: known only at its
     * end, so its JSON is then read again from the input ({@link GeminiInput#json}).
     */
    private void readPart(JsonParser parser, JsonToken first) throws IOException {
        if (partCount == parts.size()) parts.add(new Part());
        Part part = parts.get(partCount++);
        part.clear();
        if (first != JsonToken.START_OBJECT) {
            part.kind = Kind.NOT_OBJECT;
            ProviderJson.skip(parser);
            return;
        }
        long start = ProviderJson.tokenOffset(parser);
        boolean text = false;
        boolean call = false;
        boolean other = false;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "text" -> {
                    text = true;
                    part.text = GeminiValues.textOrEmpty(parser, token);
                }
                case "thought" -> part.thought = GeminiValues.flag(parser, token);
                case "thoughtSignature" -> part.signature = GeminiValues.string(parser, token);
                case "functionCall" -> {
                    call = true;
                    functionCall(parser, token, part);
                }
                default -> {
                    other = true;
                    ProviderJson.skip(parser);
                }
            }
        }
        if (other && !text && !call) {
            part.kind = Kind.RAW;
            part.text = input.json(start, ProviderJson.tokenOffset(parser) + 1);
        } else if (call) {
            part.kind = Kind.CALL;
        }
    }

    private void functionCall(JsonParser parser, JsonToken value, Part part) throws IOException {
        part.clearCall();
        if (value != JsonToken.START_OBJECT) {
            ProviderJson.skip(parser);
            return;
        }
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "name" -> part.name = GeminiValues.textOrEmpty(parser, token);
                case "id" -> part.id = GeminiValues.textOrEmpty(parser, token);
                case "args" -> part.args = token == JsonToken.VALUE_NULL ? "{}" : ProviderJson.copy(parser);
                default -> ProviderJson.skip(parser);
            }
        }
    }

    /** Consumes the value unread. */
    private static @Nullable JsonNode skip(JsonParser parser) throws IOException {
        ProviderJson.skip(parser);
        return null;
    }
}
