package dev.llmring.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Chat Completions object, a {@code chat.completion} body or a {@code chat.completion.chunk}, read field by field
 * with Jackson's streaming parser into reusable fields: no tree per body or per frame. Reading only collects; the
 * decoder emits afterwards, in the protocol's order rather than the wire's, and only once the whole object was read
 * (a malformed object emits nothing).
 *
 * <p>The rules are those of a tree read: unknown fields are skipped, a field of another JSON type than expected counts
 * as absent, and a repeated field's last occurrence wins. Of {@code choices}, only the first with {@code index} 0 (an
 * absent or non-numeric index counts as 0) is kept.
 */
final class OpenAiChunk {

    /** Token counts of a {@code usage} object; {@code present} when the object was there. */
    static final class Counts {
        boolean present;
        long input;
        long output;
        long cached;
        long reasoning;

        void clear() {
            present = false;
            input = output = cached = reasoning = 0;
        }
    }

    /** One element of {@code tool_calls}: the wire index when it fits an int (else its position), and its pieces. */
    static final class ToolFragment {
        final int index;
        final @Nullable String id;
        final @Nullable String name;
        final @Nullable String arguments;

        ToolFragment(int index, @Nullable String id, @Nullable String name, @Nullable String arguments) {
            this.index = index;
            this.id = id;
            this.name = name;
            this.arguments = arguments;
        }
    }

    /** A non-null {@code error} field. */
    boolean error;

    @Nullable
    String id;

    @Nullable
    String model;

    /** Whether a choice with index 0 was found; the fields down to {@code finishReason} are that choice's. */
    boolean choice;

    @Nullable
    String reasoningContent;

    @Nullable
    String reasoning;

    /** {@code content} when it is a string. */
    @Nullable
    String content;

    /** The non-empty {@code text} of each part when {@code content} is an array of parts, else null. */
    @Nullable
    List<String> contentParts;

    @Nullable
    String refusal;

    final List<ToolFragment> toolCalls = new ArrayList<>();

    @Nullable
    String finishReason;

    final Counts usage = new Counts();
    /** Groq's {@code x_groq.usage}, used when there is no {@code usage} object. */
    final Counts groqUsage = new Counts();

    /**
     * Reads the object whose {@code START_OBJECT} {@code parser} has just read, up to its {@code END_OBJECT}.
     *
     * @param messageKey the key of a choice's message: {@code message} in a body, {@code delta} in a chunk
     * @param metadata whether to read {@code id} and {@code model} (every chunk repeats them; the first one says)
     * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
     */
    void read(JsonParser parser, String messageKey, boolean metadata) throws IOException {
        error = false;
        id = null;
        model = null;
        clearChoice();
        usage.clear();
        groqUsage.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "error" -> {
                    error = value != JsonToken.VALUE_NULL;
                    parser.skipChildren();
                }
                case "id" -> id = metadata ? ProviderJson.string(parser, value) : ProviderJson.skipped(parser);
                case "model" -> model = metadata ? ProviderJson.string(parser, value) : ProviderJson.skipped(parser);
                case "choices" -> choices(parser, value, messageKey);
                case "usage" -> counts(parser, value, usage);
                case "x_groq" -> groq(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    private void clearChoice() {
        choice = false;
        clearMessage();
        finishReason = null;
    }

    private void clearMessage() {
        reasoningContent = null;
        reasoning = null;
        content = null;
        contentParts = null;
        refusal = null;
        toolCalls.clear();
    }

    private void choices(JsonParser parser, JsonToken value, String messageKey) throws IOException {
        clearChoice();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (choice || element != JsonToken.START_OBJECT) {
                // a choice that is not an object has no index, so it counts as index 0 (and carries nothing)
                parser.skipChildren();
                choice = true;
                continue;
            }
            if (readChoice(parser, messageKey) == 0) {
                choice = true;
            } else {
                clearChoice();
            }
        }
    }

    /** Reads one choice object into this chunk's choice fields; its {@code index}. */
    private int readChoice(JsonParser parser, String messageKey) throws IOException {
        int index = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("index")) {
                index = OpenAiNumbers.asInt(parser, value);
            } else if (field.equals(messageKey)) {
                message(parser, value);
            } else if (field.equals("finish_reason")) {
                finishReason = ProviderJson.string(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return index;
    }

    private void message(JsonParser parser, JsonToken value) throws IOException {
        clearMessage();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "content" -> content(parser, token);
                case "reasoning_content" -> reasoningContent = ProviderJson.string(parser, token);
                case "reasoning" -> reasoning = ProviderJson.string(parser, token);
                case "refusal" -> refusal = ProviderJson.string(parser, token);
                case "tool_calls" -> toolCalls(parser, token);
                default -> parser.skipChildren();
            }
        }
    }

    /** A string, or (some compatible servers) an array of {@code {"type":"text","text":…}} parts. */
    private void content(JsonParser parser, JsonToken value) throws IOException {
        content = null;
        contentParts = null;
        if (value == JsonToken.VALUE_STRING) {
            content = parser.getText();
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        List<String> parts = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            String text = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("text")) {
                    text = ProviderJson.string(parser, token);
                } else {
                    parser.skipChildren();
                }
            }
            if (text != null && !text.isEmpty()) parts.add(text);
        }
        contentParts = parts;
    }

    private void toolCalls(JsonParser parser, JsonToken value) throws IOException {
        toolCalls.clear();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            int position = toolCalls.size();
            if (element != JsonToken.START_OBJECT) {
                parser.skipChildren();
                toolCalls.add(new ToolFragment(position, null, null, null));
                continue;
            }
            int index = position;
            String id = null;
            String name = null;
            String arguments = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "index" -> index = OpenAiNumbers.intOr(parser, token, position);
                    case "id" -> id = ProviderJson.string(parser, token);
                    case "function" -> {
                        name = null;
                        arguments = null;
                        if (token != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                        } else {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String key = parser.currentName();
                                JsonToken part = parser.nextToken();
                                if (key.equals("name")) {
                                    name = ProviderJson.string(parser, part);
                                } else if (key.equals("arguments")) {
                                    arguments = ProviderJson.string(parser, part);
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            toolCalls.add(new ToolFragment(index, id, name, arguments));
        }
    }

    private static void counts(JsonParser parser, JsonToken value, Counts counts) throws IOException {
        counts.clear();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        counts.present = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "prompt_tokens" -> counts.input = OpenAiNumbers.count(parser, token);
                case "completion_tokens" -> counts.output = OpenAiNumbers.count(parser, token);
                case "prompt_tokens_details" -> counts.cached = detail(parser, token, "cached_tokens");
                case "completion_tokens_details" -> counts.reasoning = detail(parser, token, "reasoning_tokens");
                default -> parser.skipChildren();
            }
        }
    }

    private void groq(JsonParser parser, JsonToken value) throws IOException {
        groqUsage.clear();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("usage")) {
                counts(parser, token, groqUsage);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** {@code key} of the object {@code value} starts, as a count; 0 when absent or not an object. */
    private static long detail(JsonParser parser, JsonToken value, String key) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return 0;
        }
        long count = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals(key)) {
                count = OpenAiNumbers.count(parser, token);
            } else {
                parser.skipChildren();
            }
        }
        return count;
    }
}
