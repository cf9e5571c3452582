package dev.llmring.internal.schema;

import java.util.Objects;

/**
 * One way a JSON document fails its schema: where (an RFC 6901 JSON pointer, {@code ""} for the root) and what. The
 * message describes types and names, never the document's values.
 */
public record Violation(String pointer, String message) {
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** {@code pointer} extended by one object key or array index, escaped as RFC 6901 requires. */
    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** {@code /a/0/b: message}, or {@code (root): message}. */
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}
