package dev.llmring.lockfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text to {@link Node}s with positions (Jackson's token locations); duplicate keys are errors. */
final class JsonSource {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Nesting.MAX_DEPTH)
                    .build())
            .build();

    private JsonSource() {}

    static Node parse(String text, String file) {
        JsonParser parser;
        try {
            parser = FACTORY.createParser(text);
        } catch (IOException e) {
            throw new LockfileException("cannot read JSON: " + e.getMessage(), file, 0, 0, null, e);
        }
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                JsonLocation at = parser.currentTokenLocation();
                throw new LockfileException(
                        "JSON lockfile must be an object",
                        file,
                        first == null ? 0 : at.getLineNr(),
                        first == null ? 0 : at.getColumnNr(),
                        null,
                        null);
            }
            Node root = read(parser, first, file);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new LockfileException(
                        "content after the JSON object", file, at.getLineNr(), at.getColumnNr(), null, null);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            if (at == null) at = parser.currentLocation(); // the nesting limit's exception has none
            throw new LockfileException(
                    "JSON syntax error: " + e.getOriginalMessage(),
                    file,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    null,
                    null);
        } catch (IOException e) {
            throw new LockfileException("cannot read JSON: " + e.getMessage(), file, 0, 0, null, e);
        } catch (RuntimeException | StackOverflowError e) {
            if (e instanceof LockfileException lockfile) throw lockfile;
            throw new LockfileException(
                    "JSON parser failed (" + e.getClass().getSimpleName() + ")", file, 0, 0, null, null);
        }
    }

    private static Node read(JsonParser parser, JsonToken token, String file) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT:
                Map<String, Node> members = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    members.put(name, read(parser, parser.nextToken(), file));
                }
                return Node.table(members, line, column);
            case START_ARRAY:
                List<Node> elements = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    elements.add(read(parser, t, file));
                }
                return Node.array(elements, line, column);
            case VALUE_STRING:
                return Node.scalar(Node.Kind.STRING, parser.getText(), line, column);
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new LockfileException("integer out of the 64-bit range", file, line, column, null, null);
                }
                return Node.scalar(Node.Kind.INTEGER, parser.getLongValue(), line, column);
            case VALUE_NUMBER_FLOAT:
                double d = parser.getDoubleValue();
                if (Double.isInfinite(d)) {
                    throw new LockfileException("number out of range", file, line, column, null, null);
                }
                return Node.scalar(Node.Kind.FLOAT, d, line, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return Node.scalar(Node.Kind.BOOLEAN, parser.getBooleanValue(), line, column);
            case VALUE_NULL:
                return Node.scalar(Node.Kind.NULL, null, line, column);
            default:
                throw new LockfileException("unexpected JSON token " + token, file, line, column, null, null);
        }
    }
}
