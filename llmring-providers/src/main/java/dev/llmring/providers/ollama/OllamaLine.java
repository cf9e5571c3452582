package dev.llmring.providers.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code /api/chat} object (a body, or a line of a stream) read field by field with Jackson's streaming parser
 * into reusable fields, no tree. Reading only collects; the decoder emits once the whole line was read. The rules are
 * a tree read's as the decoder used them: unknown fields skipped, a repeated field's last occurrence wins, and scalar
 * values read as text or numbers the way {@code JsonNode.asText} / {@code asLong} / {@code asBoolean} read them.
 */
final class OllamaLine {
    /** One whole tool call: its name and id as text ({@code ""} when absent) and its arguments as JSON text. */
    record Call(String name, String id, String arguments) {}

    /** A non-null {@code error} field. */
    boolean error;

    @Nullable
    String model;

    String thinking = "";
    String content = "";
    final List<Call> calls = new ArrayList<>();
    boolean done;
    String doneReason = "stop";
    boolean counts;
    long promptEvalCount;
    long evalCount;

    /**
     * Reads the object whose {@code START_OBJECT} {@code parser} has just read, up to its {@code END_OBJECT}.
     *
     * @throws IOException when the input is not well-formed JSON or breaks the parser's limits
     */
    void read(JsonParser parser) throws IOException {
        error = false;
        model = null;
        clearMessage();
        done = false;
        doneReason = "stop";
        counts = false;
        promptEvalCount = 0;
        evalCount = 0;
        boolean promptEval = false;
        boolean eval = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "error" -> {
                    error = value != JsonToken.VALUE_NULL;
                    parser.skipChildren();
                }
                case "model" -> model = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
                case "message" -> message(parser, value);
                case "done" -> done = asBoolean(parser, value);
                case "done_reason" -> doneReason = asText(parser, value, "stop");
                case "prompt_eval_count" -> {
                    promptEval = true;
                    promptEvalCount = asLong(parser, value);
                }
                case "eval_count" -> {
                    eval = true;
                    evalCount = asLong(parser, value);
                }
                default -> parser.skipChildren();
            }
        }
        counts = promptEval || eval;
    }

    private void clearMessage() {
        thinking = "";
        content = "";
        calls.clear();
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
                case "thinking" -> thinking = asText(parser, token, "");
                case "content" -> content = asText(parser, token, "");
                case "tool_calls" -> toolCalls(parser, token);
                default -> parser.skipChildren();
            }
        }
    }

    /** An array of calls (or, as a tree iterates one, the values of an object). */
    private void toolCalls(JsonParser parser, JsonToken value) throws IOException {
        calls.clear();
        if (value == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) calls.add(call(parser, element));
        } else if (value == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) calls.add(call(parser, parser.nextToken()));
        } else {
            parser.skipChildren();
        }
    }

    private static Call call(JsonParser parser, JsonToken value) throws IOException {
        String name = "";
        String id = "";
        String arguments = "{}";
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new Call(name, id, arguments);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("id")) {
                id = asText(parser, token, "");
            } else if (field.equals("function")) {
                name = "";
                arguments = "{}";
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                } else {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        JsonToken part = parser.nextToken();
                        if (key.equals("name")) {
                            name = asText(parser, part, "");
                        } else if (key.equals("arguments")) {
                            arguments = arguments(parser, part);
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return new Call(name, id, arguments);
    }

    /** Arguments as JSON text: text as given, a JSON value written compactly, {@code {}} when null. */
    private static String arguments(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) return "{}";
        if (value == JsonToken.VALUE_STRING) return parser.getText();
        StringWriter out = new StringWriter();
        try (JsonGenerator json = ProviderJson.FACTORY.createGenerator(out)) {
            json.copyCurrentStructure(parser);
        }
        return out.toString();
    }

    private static @Nullable String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /** As {@code JsonNode.asText(fallback)}: text, a number or boolean as text, {@code ""} for a container. */
    private static String asText(JsonParser parser, JsonToken value, String fallback) throws IOException {
        switch (value) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getText();
            case VALUE_NUMBER_FLOAT:
                return String.valueOf(parser.getDoubleValue());
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case START_OBJECT:
            case START_ARRAY:
                parser.skipChildren();
                return "";
            default:
                return fallback;
        }
    }

    /** As {@code JsonNode.asLong(0)}: numbers cut to long, numeric text parsed, {@code true} as 1, else 0. */
    private static long asLong(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue().longValue()
                        : parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return (long) parser.getDoubleValue();
            case VALUE_STRING:
                return NumberInput.parseAsLong(parser.getText(), 0);
            case VALUE_TRUE:
                return 1;
            default:
                parser.skipChildren();
                return 0;
        }
    }

    /** As {@code JsonNode.asBoolean(false)}: a boolean, an integer other than 0, or the text {@code true}. */
    private static boolean asBoolean(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_TRUE:
                return true;
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue().signum() != 0
                        : parser.getLongValue() != 0;
            case VALUE_STRING:
                return parser.getText().trim().equals("true");
            default:
                parser.skipChildren();
                return false;
        }
    }
}
