package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The values of Messages API JSON as {@link MessagesEvent} and {@link ContentBlock} read them from a streaming parser,
 * each the way the tree decode read them before ({@code textValue} of a string, {@code canConvertToInt},
 * {@code canConvertToLong}). Each consumes the value, whatever its type.
 */
final class MessagesFields {
    /** A {@code type} that is absent, null or not a string: the SSE event name decides instead. */
    static final int ABSENT = -2;
    /** A {@code type} string llmring has no handling for. */
    static final int UNKNOWN = -1;
    /** An {@code index} that is absent or not a number that fits an int. */
    static final long NO_INDEX = Long.MIN_VALUE;

    private MessagesFields() {}

    /**
     * The position in {@code names} of the string value, compared in the parser's buffer (no {@code String} made):
     * {@link #UNKNOWN} for another string, {@link #ABSENT} for a value that is not a string.
     */
    static int name(JsonParser parser, JsonToken value, String[] names) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return ABSENT;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        next:
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name.length() != length) continue;
            for (int c = 0; c < length; c++) {
                if (chars[offset + c] != name.charAt(c)) continue next;
            }
            return i;
        }
        return UNKNOWN;
    }

    /** A content block's index when the value is a number a tree could convert to an int, else {@link #NO_INDEX}. */
    static long index(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.INT) return parser.getIntValue();
            parser.getNumberValue(); // read all the same, or Jackson (2.18) keeps its text for the next number
            return NO_INDEX;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : NO_INDEX;
        }
        parser.skipChildren();
        return NO_INDEX;
    }

    /**
     * A token count when the value is a number a tree could convert to a long and it is not negative once converted
     * (a fraction is cut), else -1: the count is not taken.
     */
    static long count(JsonParser parser, JsonToken value) throws IOException {
        long count;
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                // beyond a long; read all the same, or Jackson (2.18) keeps its text for the next number
                parser.getBigIntegerValue();
                return -1;
            }
            count = parser.getLongValue();
        } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            if (!(d >= Long.MIN_VALUE && d <= Long.MAX_VALUE)) return -1;
            count = (long) d;
        } else {
            parser.skipChildren();
            return -1;
        }
        return count >= 0 ? count : -1;
    }
}
