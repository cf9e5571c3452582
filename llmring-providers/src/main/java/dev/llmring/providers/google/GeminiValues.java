package dev.llmring.providers.google;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The scalars of a {@code GenerateContentResponse} as {@link GeminiChunk} reads them from a streaming parser, each
 * with the leniency the tree read had ({@code asText}, {@code asLong(0)}, {@code asBoolean(false)}): a number where
 * text was expected is its text, numeric text where a count was expected is its number, and so on. Each consumes the
 * value, whatever its type.
 */
final class GeminiValues {
    private GeminiValues() {}

    /** A tree's {@code asText()}: a string, a number's or boolean's text, "" for an object or array; null for null. */
    static @Nullable String text(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> Integer.toString(parser.getIntValue());
                    case LONG -> Long.toString(parser.getLongValue());
                    default -> parser.getBigIntegerValue().toString();
                };
            case VALUE_NUMBER_FLOAT -> NumberOutput.toString(parser.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> {
                ProviderJson.skip(parser);
                yield "";
            }
        };
    }

    /** A tree's {@code asText("")}: as {@link #text}, with "" for null. */
    static String textOrEmpty(JsonParser parser, JsonToken value) throws IOException {
        String text = text(parser, value);
        return text == null ? "" : text;
    }

    /** The value when it is a string, else null. */
    static @Nullable String string(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) return parser.getText();
        ProviderJson.skip(parser);
        return null;
    }

    /**
     * A tree's {@code asLong(0)}: an integer (a big one cut to its low 64 bits), a float cut towards zero, numeric
     * text parsed as Jackson parses it, true as 1; anything else 0.
     */
    static long count(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue().longValue()
                        : parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> (long) parser.getDoubleValue();
            case VALUE_STRING -> NumberInput.parseAsLong(parser.getText(), 0);
            case VALUE_TRUE -> 1;
            default -> {
                ProviderJson.skip(parser);
                yield 0;
            }
        };
    }

    /** A tree's {@code asBoolean(false)}: true, a non-zero integer, or the text "true" (trimmed). */
    static boolean flag(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue().signum() != 0
                        : parser.getLongValue() != 0;
            case VALUE_STRING -> parser.getText().trim().equals("true");
            default -> {
                ProviderJson.skip(parser);
                yield false;
            }
        };
    }
}
