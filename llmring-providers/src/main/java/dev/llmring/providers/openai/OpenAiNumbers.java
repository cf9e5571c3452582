package dev.llmring.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The numbers of a Chat Completions object as {@link OpenAiChunk} reads them from a streaming parser, each the way a
 * tree read them before ({@code canConvertToLong}, {@code asInt(0)}, {@code canConvertToInt}). Each consumes the
 * value, whatever its type.
 */
final class OpenAiNumbers {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private OpenAiNumbers() {}

    /** A token count: a number that fits a long, negative counted as 0; anything else is 0 (as a tree reads it). */
    static long count(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                BigInteger big = parser.getBigIntegerValue();
                return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? Math.max(0, big.longValue()) : 0;
            }
            return Math.max(0, parser.getLongValue());
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? Math.max(0, (long) d) : 0;
        }
        parser.skipChildren();
        return 0;
    }

    /** A choice's index as a tree's {@code asInt(0)} reads it: numbers cut to int, numeric text parsed, else 0. */
    static int asInt(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> (int) parser.getLongValue();
                    default -> parser.getBigIntegerValue().intValue();
                };
            case VALUE_NUMBER_FLOAT:
                return (int) parser.getDoubleValue();
            case VALUE_STRING:
                return NumberInput.parseAsInt(parser.getText(), 0);
            case VALUE_TRUE:
                return 1;
            default:
                parser.skipChildren();
                return 0;
        }
    }

    /** A tool call's wire index when it is a number that fits an int, else {@code position}. */
    static int intOr(JsonParser parser, JsonToken value, int position) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.INT) return parser.getIntValue();
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                BigInteger big = parser.getBigIntegerValue();
                if (big.compareTo(INT_MIN) >= 0 && big.compareTo(INT_MAX) <= 0) return big.intValue();
            }
            return position;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : position;
        }
        parser.skipChildren();
        return position;
    }
}
