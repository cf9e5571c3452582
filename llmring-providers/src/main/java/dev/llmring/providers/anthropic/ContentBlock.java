package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One content block (an element of a body's {@code content}, or a {@code content_block_start}'s
 * {@code content_block}) read field by field with the streaming parser. Every field the decoder may need is read
 * whatever the block's {@code type}, since {@code type} may come last; unknown fields are skipped, a field of another
 * JSON type than expected counts as absent, and a repeated field's last occurrence wins, as in a tree.
 *
 * <p>A block of a type llmring has no model for is kept whole: its place in the input is noted, and the decoder
 * copies it from there ({@link #raw}) once the block turns out to be such a block.
 */
final class ContentBlock {
    static final int TEXT = 0;
    static final int THINKING = 1;
    static final int REDACTED_THINKING = 2;
    static final int TOOL_USE = 3;
    private static final String[] TYPES = {"text", "thinking", "redacted_thinking", "tool_use"};

    /** Whether the block was a JSON object at all. */
    boolean object;

    /** One of the type constants, or {@link MessagesFields#UNKNOWN} / {@link MessagesFields#ABSENT}. */
    int type = MessagesFields.ABSENT;

    @Nullable
    String text;

    @Nullable
    String thinking;

    @Nullable
    String signature;

    @Nullable
    String data;

    @Nullable
    String id;

    @Nullable
    String name;

    /** {@code input} as compact JSON, when it is an object. */
    @Nullable
    String input;

    /** Each element of {@code citations} as compact JSON, when it is an array. */
    @Nullable
    List<String> citations;

    /** Where the block starts and ends in the input (offsets of its braces, the end one past), for {@link #raw}. */
    long start;

    long end;

    /** The whole block as compact JSON, set by the decoder when {@link #isRaw()}. */
    @Nullable
    String raw;

    /** A block to be kept whole: an object of a type llmring has no model for (server tool use, tool results…). */
    boolean isRaw() {
        return object && type < 0;
    }

    /**
     * Reads the value {@code parser} has just read the first token of; any value, as a missing or non-object block is
     * the decoder's to refuse.
     *
     * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
     */
    static ContentBlock read(JsonParser parser, JsonToken value) throws IOException {
        ContentBlock block = new ContentBlock();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return block;
        }
        block.object = true;
        block.start = offset(parser.currentTokenLocation());
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "type" -> block.type = MessagesFields.name(parser, token, TYPES);
                case "text" -> block.text = ProviderJson.string(parser, token);
                case "thinking" -> block.thinking = ProviderJson.string(parser, token);
                case "signature" -> block.signature = ProviderJson.string(parser, token);
                case "data" -> block.data = ProviderJson.string(parser, token);
                case "id" -> block.id = ProviderJson.string(parser, token);
                case "name" -> block.name = ProviderJson.string(parser, token);
                case "input" ->
                    block.input =
                            token == JsonToken.START_OBJECT ? ProviderJson.copy(parser) : ProviderJson.skipped(parser);
                case "citations" -> block.citations = citations(parser, token);
                default -> parser.skipChildren();
            }
        }
        block.end = offset(parser.currentTokenLocation()) + 1;
        return block;
    }

    private static @Nullable List<String> citations(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<String> citations = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) citations.add(ProviderJson.copy(parser));
        return citations;
    }

    /** A token's offset: in bytes for a parser over bytes (a body), in chars for one over text (an event). */
    private static long offset(JsonLocation location) {
        long bytes = location.getByteOffset();
        return bytes >= 0 ? bytes : location.getCharOffset();
    }
}
