package dev.llmring.internal.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON text into an instance of a record type: parse, validate against the type's {@link TypeSchema}, bind.
 * Every problem found is a {@link Violation}; a document with violations is never bound.
 */
public final class StructuredReader {
    /** Strict parsing: no trailing content, no duplicate keys, decimals kept exact. */
    private static final ObjectMapper PARSER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StructuredReader() {}

    /**
     * The outcome of a read: the instance, or the violations that prevented it.
     *
     * @param value the bound instance, {@code null} exactly when there are violations
     */
    public record Result<T>(@Nullable T value, List<Violation> violations) {
        public Result {
            violations = List.copyOf(violations);
            if ((value == null) == violations.isEmpty()) {
                throw new IllegalArgumentException("a result has either a value or violations");
            }
        }
    }

    /**
     * Checks, before anything is sent, that answers can be read as {@code type}: a schema can be derived from it and
     * this module can construct every record in it.
     *
     * @throws IllegalArgumentException when no schema can be derived from {@code type}, or this module may not call
     *     the constructor of a record in it (neither public in an exported package nor in a package opened to it)
     */
    public static void requireReadable(Class<?> type) {
        TypeSchema.of(type);
        TreeBinder.requireConstructible(type);
    }

    /**
     * Reads {@code json} as a {@code type}.
     *
     * @throws IllegalArgumentException when no schema can be derived from {@code type}, or this module may not call
     *     its constructor (a record neither public in an exported package nor in a package opened to it)
     */
    public static <T> Result<T> read(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        TypeSchema schema = TypeSchema.of(type);
        if (json.isBlank()) return invalid(new Violation("", "the text is empty, expected a JSON object"));
        JsonNode tree;
        try {
            tree = PARSER.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid(new Violation("", "not valid JSON: " + describe(e)));
        }
        List<Violation> violations = SchemaValidator.validate(schema.node(), tree);
        if (!violations.isEmpty()) return new Result<>(null, violations);
        List<Violation> bindingViolations = new ArrayList<>();
        Object value = TreeBinder.bind(tree, type, bindingViolations);
        return new Result<>(value == null ? null : type.cast(value), bindingViolations);
    }

    private static <T> Result<T> invalid(Violation v) {
        return new Result<>(null, List.of(v));
    }

    /** Jackson's own message (first line, capped), with the location. */
    private static String describe(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        if (m.length() > 160) m = m.substring(0, 157) + "...";
        JsonLocation at = e.getLocation();
        return at == null ? m : m + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
