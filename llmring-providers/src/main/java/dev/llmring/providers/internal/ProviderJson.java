package dev.llmring.providers.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmring.spi.ProviderFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The providers' JSON: one streaming {@link JsonFactory} ({@link #FACTORY}) for the bodies and events the adapters
 * read and write token by token, and one {@link ObjectMapper} ({@link #mapper()}) for trees. The mapper, and with it
 * jackson-databind (some 500 classes and a megabyte of heap), is built the first time a tree is needed: an adapter
 * that only streams, as OpenAI's does for a plain call, never builds it.
 */
public final class ProviderJson {
    /** Streaming parsers and generators: jackson-core only, with Jackson's default features and limits. */
    public static final JsonFactory FACTORY = new JsonFactory();

    /** Trees, built on first use. */
    private static final class Trees {
        /** Refuses trailing tokens, so that two JSON documents glued together are malformed rather than half-read. */
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        /** Reads trees with the root deserializer looked up once, not on every parse. */
        static final ObjectReader TREES = MAPPER.readerFor(JsonNode.class);

        /** Reads one value inside a document as a tree: what follows it is the rest of the document, not trailing. */
        static final ObjectReader SUBTREES = TREES.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private ProviderJson() {}

    /**
     * The providers' one {@link ObjectMapper}, built on first use; it refuses trailing tokens.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return Trees.MAPPER;
    }

    /**
     * Parses provider output.
     *
     * @param json the text
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON tree
     * @throws ProviderFailure of kind malformed response when {@code json} is empty or not JSON
     */
    public static JsonNode parse(String json, String what) {
        JsonNode node;
        try {
            node = Trees.TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProviderFailure.malformed(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) throw ProviderFailure.malformed(what + " is empty", null);
        return node;
    }

    /**
     * Parses provider output given as UTF-8 bytes (a whole body), without first copying it into a {@code String}.
     * Bytes that are not UTF-8 are malformed output, like any other broken JSON.
     *
     * @param json the body's bytes
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON tree
     * @throws ProviderFailure of kind malformed response when {@code json} is empty, not UTF-8 or not JSON
     */
    public static JsonNode parse(byte[] json, String what) {
        JsonNode node;
        try {
            node = Trees.TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProviderFailure.malformed(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw ProviderFailure.malformed(what + " could not be read: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) throw ProviderFailure.malformed(what + " is empty", null);
        return node;
    }

    /**
     * Parses provider output that must be a JSON object.
     *
     * @param json the text
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON object
     * @throws ProviderFailure of kind malformed response when {@code json} is not a JSON object
     */
    public static JsonNode parseObject(String json, String what) {
        return object(parse(json, what), what);
    }

    /**
     * Parses provider output given as UTF-8 bytes that must be a JSON object.
     *
     * @param json the body's bytes
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON object
     * @throws ProviderFailure of kind malformed response when {@code json} is not UTF-8 or not a JSON object
     */
    public static JsonNode parseObject(byte[] json, String what) {
        return object(parse(json, what), what);
    }

    private static JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) throw ProviderFailure.malformed(what + " is not a JSON object", null);
        return node;
    }

    /**
     * Parses text that may or may not be JSON (an error body, a tool's schema).
     *
     * @param text the text
     * @return the JSON tree, or null when the text is not JSON or is empty
     */
    public static @Nullable JsonNode tryParse(String text) {
        try {
            JsonNode node = Trees.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * {@code node} as compact JSON text.
     *
     * @param node a JSON tree
     * @return the JSON text
     */
    public static String write(JsonNode node) {
        try {
            return Trees.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * {@code node} as UTF-8 JSON, the body of an {@link dev.llmring.spi.HttpCall}.
     *
     * @param node a JSON tree
     * @return the UTF-8 bytes
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return Trees.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Writes one JSON document to a generator; see {@link #bytes(BodyWriter)}. */
    @FunctionalInterface
    public interface BodyWriter {
        /**
         * Writes the document.
         *
         * @param json the generator to write to; closed by the caller
         * @throws IOException only as the generator's own failure (it writes to memory)
         */
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * The UTF-8 JSON that {@code writer} writes, straight to bytes (no tree, no intermediate {@code String}), through
     * Jackson's recycled buffers, as {@link ObjectMapper#writeValueAsBytes} does.
     *
     * @param writer writes one JSON document to the generator it is given
     * @return the document as UTF-8 bytes
     * @throws RuntimeException whatever unchecked exception {@code writer} throws (an encoder refusing a request)
     */
    public static byte[] bytes(BodyWriter writer) {
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                writer.write(json);
            }
            return out.getClearAndRelease();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON body to memory", e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * Copies the one JSON value {@code json} holds to {@code out} (compact, as a tree would be written), refusing
     * text that is not exactly one JSON value.
     *
     * @param json the JSON text to copy, e.g. a tool's parameters schema
     * @param out the generator to copy it to, positioned where a value may be written
     * @param what names the text in the failure message, e.g. {@code "parameters schema of tool 'x'"}
     * @throws IllegalArgumentException when {@code json} is empty, not JSON or followed by more text
     * @throws IOException as the generator's own failure
     */
    public static void copy(String json, JsonGenerator out, String what) throws IOException {
        try (JsonParser in = FACTORY.createParser(json)) {
            if (in.nextToken() == null) throw new IllegalArgumentException(what + " is empty");
            out.copyCurrentStructure(in);
            if (in.nextToken() != null) throw new IllegalArgumentException(what + " holds more than one JSON value");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON value {@code parser} is at, consumed, as compact text: exactly what reading it into a tree and writing
     * the tree gives (numbers as a tree holds them, a repeated key's last value in the first one's place), without
     * the tree. For provider JSON kept verbatim, e.g. a tool call's input or a block llmring has no model for.
     *
     * @param parser a parser at the value's first token ({@code START_OBJECT}, {@code START_ARRAY} or a scalar);
     *     left at its last token
     * @return the value as compact JSON text
     * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
     */
    public static String copy(JsonParser parser) throws IOException {
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        String text;
        boolean repeated;
        try {
            SegmentedStringWriter out = new SegmentedStringWriter(recycler);
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                repeated = copyValue(parser, json, new ArrayList<>());
            }
            text = out.getAndClear();
        } finally {
            recycler.releaseToPool();
        }
        // rare: a tree keeps one of each key, so let one say which
        return repeated ? write(Trees.TREES.readTree(text)) : text;
    }

    /** Objects with more keys than this look for a repeated key in a set rather than by a scan of the keys. */
    private static final int SCANNED_KEYS = 32;

    /**
     * Copies the current value; whether some object in it repeats a key. {@code names} holds the keys of the objects
     * being copied, outermost first; an object's own keys follow {@code from}.
     */
    private static boolean copyValue(JsonParser parser, JsonGenerator json, List<String> names) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            json.writeStartObject();
            int from = names.size();
            Set<String> many = null;
            boolean repeated = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (many != null) {
                    repeated |= !many.add(name);
                } else if (names.size() - from < SCANNED_KEYS) {
                    for (int i = from; i < names.size() && !repeated; i++)
                        repeated = names.get(i).equals(name);
                    names.add(name);
                } else {
                    many = new HashSet<>(names.subList(from, names.size()));
                    repeated |= !many.add(name);
                }
                json.writeFieldName(name);
                parser.nextToken();
                int own = names.size();
                repeated |= copyValue(parser, json, names);
                names.subList(own, names.size()).clear();
            }
            names.subList(from, names.size()).clear();
            json.writeEndObject();
            return repeated;
        }
        if (token == JsonToken.START_ARRAY) {
            json.writeStartArray();
            boolean repeated = false;
            while (parser.nextToken() != JsonToken.END_ARRAY) repeated |= copyValue(parser, json, names);
            json.writeEndArray();
            return repeated;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            switch (parser.getNumberType()) {
                case INT -> json.writeNumber(parser.getIntValue());
                case LONG -> json.writeNumber(parser.getLongValue());
                default -> json.writeNumber(parser.getBigIntegerValue());
            }
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            json.writeNumber(parser.getDoubleValue()); // as a tree holds it (a double), not as written
        } else {
            json.copyCurrentEvent(parser); // strings, booleans, null
        }
        return false;
    }

    /**
     * A streaming parser over provider output given as UTF-8 bytes (a whole body), under the same limits as a tree
     * read ({@link ObjectMapper}'s default {@link com.fasterxml.jackson.core.StreamReadConstraints}: nesting depth,
     * string and number length), so that decoding field by field is bounded as a tree decode is.
     *
     * @param json the whole body; not copied
     * @return a parser before its first token; the caller closes it
     * @throws IOException never in practice (the input is in memory)
     */
    public static JsonParser parser(byte[] json) throws IOException {
        return FACTORY.createParser(json);
    }

    /**
     * A streaming parser over provider output given as text (one stream frame), under the same limits as a tree
     * read (see {@link #parser(byte[])}).
     *
     * @param json the frame's data
     * @return a parser before its first token; the caller closes it
     * @throws IOException never in practice (the input is in memory)
     */
    public static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    /**
     * Moves {@code parser} (just created) to the start of its one JSON object.
     *
     * @param parser a parser before its first token
     * @param what names the text in the failure message, e.g. {@code "stream frame"}
     * @throws ProviderFailure of kind malformed response when the input is empty or does not start an object
     * @throws IOException when the input is not JSON (the caller maps it with {@link #malformed})
     */
    public static void startObject(JsonParser parser, String what) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) throw ProviderFailure.malformed(what + " is empty", null);
        if (first != JsonToken.START_OBJECT) throw ProviderFailure.malformed(what + " is not a JSON object", null);
    }

    /**
     * Checks that nothing but whitespace follows the object {@code parser} has just read to its end, as a tree read
     * refuses trailing tokens.
     *
     * @param parser a parser just past the end of its object
     * @param what names the text in the failure message, e.g. {@code "stream frame"}
     * @throws ProviderFailure of kind malformed response when something follows
     * @throws IOException when what follows is not JSON (the caller maps it with {@link #malformed})
     */
    public static void end(JsonParser parser, String what) throws IOException {
        if (parser.nextToken() != null) {
            throw ProviderFailure.malformed(what + " is not valid JSON: more than one value", null);
        }
    }

    /**
     * The value at {@code parser}'s current token as a tree, for a rare shape that is simpler to read whole (an error
     * object). Leaves the parser at the value's last token, so that reading its document goes on after it.
     *
     * @param parser a parser at the first token of a value
     * @return the value's tree
     * @throws IOException when the input is not JSON (the caller maps it with {@link #malformed})
     */
    public static JsonNode tree(JsonParser parser) throws IOException {
        return Trees.SUBTREES.readTree(parser);
    }

    /**
     * Skips the value at {@code parser}'s current token, as {@link JsonParser#skipChildren()} does but moving as a tree
     * read moves (by {@link JsonParser#nextFieldName()} inside an object), so that a malformed value is reported in
     * the same words as a tree read reported it.
     *
     * @param parser a parser at the first token of a value; left at its last token
     * @throws IOException when the input is not JSON (the caller maps it with {@link #malformed})
     */
    public static void skip(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || !token.isStructStart()) return;
        for (int depth = 1; depth > 0; ) {
            token = advance(parser);
            if (token == null) throw new IOException("the input ended inside a value");
            if (token.isStructStart()) depth++;
            else if (token.isStructEnd()) depth--;
        }
    }

    /** The next token, read as a tree read reads it: a member's name by {@code nextFieldName()}. */
    private static @Nullable JsonToken advance(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.FIELD_NAME
                && parser.getParsingContext().inObject()) {
            parser.nextFieldName();
            return parser.currentToken();
        }
        return parser.nextToken();
    }

    /**
     * The value at {@code parser} when it is a string, else null; a value of any other kind is consumed unread
     * ({@link JsonParser#skipChildren()}).
     *
     * @param parser a parser at {@code value}
     * @param value the current token, a value's first token
     * @return the string, or null
     * @throws IOException when the input is not JSON
     */
    public static @Nullable String string(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) return parser.getText();
        parser.skipChildren();
        return null;
    }

    /**
     * Consumes the value at {@code parser} unread ({@link JsonParser#skipChildren()}) and answers null: for a switch
     * arm that reads a field only sometimes.
     *
     * @param <T> the type the arm would have read
     * @param parser a parser at a value's first token
     * @return null
     * @throws IOException when the input is not JSON
     */
    public static <T> @Nullable T skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /**
     * Where the current token of {@code parser} (a value's token, not a field name) starts in its input: a byte offset
     * for a parser over UTF-8 bytes, a char offset for one over text. Lets a decoder read a value's text again, rarely
     * (see {@code GeminiInput}), at no cost on the common path: Jackson's parsers keep the offset past the token's
     * first character, and {@link JsonParser#currentTokenLocation()} would allocate a location to say so.
     *
     * @param parser a parser made by {@link #parser(byte[])} or {@link #parser(String)}, at a value's token
     * @return the offset of the current token's first byte or char
     */
    public static long tokenOffset(JsonParser parser) {
        if (parser instanceof ParserBase base && parser.currentToken() != JsonToken.FIELD_NAME) {
            return base.getTokenCharacterOffset() - 1;
        }
        JsonLocation at = parser.currentTokenLocation();
        return at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }

    /**
     * The failure for provider output a streaming parser could not read, worded as a tree read's.
     *
     * @param e what the parser threw
     * @param what names the text, e.g. {@code "response body"}
     * @return a failure of kind malformed response, {@code e} its cause
     */
    public static ProviderFailure malformed(IOException e, String what) {
        if (e instanceof JsonProcessingException json) {
            return ProviderFailure.malformed(what + " is not valid JSON: " + json.getOriginalMessage(), e);
        }
        return ProviderFailure.malformed(what + " could not be read: " + e.getMessage(), e);
    }

    /**
     * The text of {@code node.field} when it is a JSON string.
     *
     * @param node a JSON object, or null
     * @param field the member's name
     * @return the string, or null when there is no node, the member is absent or null, or not a string
     */
    public static @Nullable String text(@Nullable JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * The text of {@code node.field} when it is a string or a number (error codes come as either).
     *
     * @param node a JSON object, or null
     * @param field the member's name
     * @return the string or the number's text; null otherwise
     */
    public static @Nullable String scalar(@Nullable JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
    }
}
