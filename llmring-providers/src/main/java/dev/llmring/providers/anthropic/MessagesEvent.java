package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stream event, read field by field with Jackson's streaming parser into reusable fields: no tree per event. A
 * {@code content_block_delta} with a {@code text_delta} costs the parse and the text's {@code String}; type names are
 * compared in the parser's buffer. Reading only collects, whatever the event's {@code type} (which may come last);
 * the decoder acts once the whole event was read, so a malformed event changes nothing.
 *
 * <p>The rules are those of a tree read: unknown fields are skipped, a field of another JSON type than expected counts
 * as absent, and a repeated field's last occurrence wins (a repeated object replaces all that the first one said).
 */
final class MessagesEvent {
    static final int MESSAGE_START = 0;
    static final int CONTENT_BLOCK_START = 1;
    static final int CONTENT_BLOCK_DELTA = 2;
    static final int CONTENT_BLOCK_STOP = 3;
    static final int MESSAGE_DELTA = 4;
    static final int MESSAGE_STOP = 5;
    static final int ERROR = 6;
    private static final String[] TYPES = {
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
        "error"
    };

    static final int TEXT_DELTA = 0;
    static final int THINKING_DELTA = 1;
    static final int SIGNATURE_DELTA = 2;
    static final int INPUT_JSON_DELTA = 3;
    static final int CITATIONS_DELTA = 4;
    private static final String[] DELTA_TYPES = {
        "text_delta", "thinking_delta", "signature_delta", "input_json_delta", "citations_delta"
    };

    /** Token counts of a {@code usage} object, -1 where a count is absent or not one a tree could take. */
    static final class Counts {
        static final int INPUT = 0;
        static final int CACHE_READ = 1;
        static final int CACHE_CREATION = 2;
        static final int OUTPUT = 3;

        /** Whether the last {@code usage} was an object. */
        boolean present;

        final long[] values = new long[4];

        void clear() {
            present = false;
            Arrays.fill(values, -1);
        }

        void read(JsonParser parser, JsonToken value) throws IOException {
            clear();
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            present = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "input_tokens" -> values[INPUT] = MessagesFields.count(parser, token);
                    case "cache_read_input_tokens" -> values[CACHE_READ] = MessagesFields.count(parser, token);
                    case "cache_creation_input_tokens" -> values[CACHE_CREATION] = MessagesFields.count(parser, token);
                    case "output_tokens" -> values[OUTPUT] = MessagesFields.count(parser, token);
                    default -> parser.skipChildren();
                }
            }
        }
    }

    /**
     * A message: a whole non-streamed body, or a {@code message_start}'s {@code message} (whose {@code content} is
     * not read).
     */
    static final class Message {
        static final int MESSAGE = 0;
        static final int ERROR = 1;
        private static final String[] TYPES = {"message", "error"};

        int type;

        @Nullable
        String id;

        @Nullable
        String model;

        final Counts usage = new Counts();

        /** The content blocks when {@code content} is an array (and was read), else null. */
        @Nullable
        List<ContentBlock> content;

        @Nullable
        String stopReason;

        void clear() {
            type = MessagesFields.ABSENT;
            id = null;
            model = null;
            usage.clear();
            content = null;
            stopReason = null;
        }

        /**
         * Reads a value (a message when it is an object), clearing what was read before.
         *
         * @param withContent whether to read {@code content} and {@code stop_reason}
         * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
         */
        void read(JsonParser parser, JsonToken value, boolean withContent) throws IOException {
            clear();
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "type" -> type = MessagesFields.name(parser, token, TYPES);
                    case "id" -> id = ProviderJson.string(parser, token);
                    case "model" -> model = ProviderJson.string(parser, token);
                    case "usage" -> usage.read(parser, token);
                    case "content" -> content = withContent ? content(parser, token) : ProviderJson.skipped(parser);
                    case "stop_reason" ->
                        stopReason = withContent ? ProviderJson.string(parser, token) : ProviderJson.skipped(parser);
                    default -> parser.skipChildren();
                }
            }
        }

        private static @Nullable List<ContentBlock> content(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return null;
            }
            List<ContentBlock> blocks = new ArrayList<>();
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                blocks.add(ContentBlock.read(parser, element));
            }
            return blocks;
        }
    }

    /** One of the type constants, {@link MessagesFields#UNKNOWN} (ping, later additions) or ABSENT. */
    int type;

    /** {@code index}, or {@link MessagesFields#NO_INDEX}. */
    long index;

    /** {@code message} of a {@code message_start}. */
    final Message message = new Message();

    /** {@code content_block} of a {@code content_block_start}, or null when absent. */
    @Nullable
    ContentBlock block;

    /** Whether {@code delta} is an object; the fields down to {@code stopReason} are its. */
    boolean delta;

    /** {@code delta.type}: one of the delta type constants, or UNKNOWN or ABSENT. */
    int deltaType;

    @Nullable
    String text;

    @Nullable
    String thinking;

    @Nullable
    String signature;

    @Nullable
    String partialJson;

    /** {@code delta.citation} as compact JSON, whatever its type ({@code null} included), when present. */
    @Nullable
    String citation;

    @Nullable
    String stopReason;

    /** {@code usage} of a {@code message_delta}. */
    final Counts usage = new Counts();

    /**
     * Reads the event whose {@code START_OBJECT} {@code parser} has just read, up to its {@code END_OBJECT}.
     *
     * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
     */
    void read(JsonParser parser) throws IOException {
        type = MessagesFields.ABSENT;
        index = MessagesFields.NO_INDEX;
        message.clear();
        block = null;
        clearDelta();
        usage.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = MessagesFields.name(parser, value, TYPES);
                case "index" -> index = MessagesFields.index(parser, value);
                case "delta" -> delta(parser, value);
                case "content_block" -> block = ContentBlock.read(parser, value);
                case "message" -> message.read(parser, value, false);
                case "usage" -> usage.read(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    private void clearDelta() {
        delta = false;
        deltaType = MessagesFields.ABSENT;
        text = null;
        thinking = null;
        signature = null;
        partialJson = null;
        citation = null;
        stopReason = null;
    }

    private void delta(JsonParser parser, JsonToken value) throws IOException {
        clearDelta();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        delta = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "type" -> deltaType = MessagesFields.name(parser, token, DELTA_TYPES);
                case "text" -> text = ProviderJson.string(parser, token);
                case "thinking" -> thinking = ProviderJson.string(parser, token);
                case "signature" -> signature = ProviderJson.string(parser, token);
                case "partial_json" -> partialJson = ProviderJson.string(parser, token);
                case "citation" -> citation = ProviderJson.copy(parser);
                case "stop_reason" -> stopReason = ProviderJson.string(parser, token);
                default -> parser.skipChildren();
            }
        }
    }
}
