package dev.llmring.lockfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A parsed TOML or JSON value with the 1-based line and column it came from (0 when unknown). */
final class Node {
    enum Kind {
        TABLE("a table"),
        ARRAY("an array"),
        STRING("a string"),
        INTEGER("an integer"),
        FLOAT("a number"),
        BOOLEAN("a boolean"),
        DATETIME("a date-time"),
        NULL("null");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    final Kind kind;
    private final @Nullable Object value;
    final int line;
    final int column;

    private Node(Kind kind, @Nullable Object value, int line, int column) {
        this.kind = kind;
        this.value = value;
        this.line = line;
        this.column = column;
    }

    static Node table(Map<String, Node> members, int line, int column) {
        return new Node(Kind.TABLE, Collections.unmodifiableMap(new LinkedHashMap<>(members)), line, column);
    }

    static Node array(List<Node> elements, int line, int column) {
        return new Node(Kind.ARRAY, List.copyOf(elements), line, column);
    }

    static Node scalar(Kind kind, @Nullable Object value, int line, int column) {
        return new Node(kind, value, line, column);
    }

    @SuppressWarnings("unchecked")
    Map<String, Node> members() {
        return (Map<String, Node>) java.util.Objects.requireNonNull(value);
    }

    @SuppressWarnings("unchecked")
    List<Node> elements() {
        return (List<Node>) java.util.Objects.requireNonNull(value);
    }

    String string() {
        return (String) java.util.Objects.requireNonNull(value);
    }

    @Nullable
    Object rawValue() {
        return value;
    }

    /** The free-form value: maps, lists, scalars. Null is returned as null (callers decide). */
    @Nullable
    Object plain() {
        switch (kind) {
            case TABLE:
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                members().forEach((k, v) -> map.put(k, v.plain()));
                return map;
            case ARRAY:
                List<@Nullable Object> list = new ArrayList<>();
                elements().forEach(v -> list.add(v.plain()));
                return list;
            default:
                return value;
        }
    }
}
