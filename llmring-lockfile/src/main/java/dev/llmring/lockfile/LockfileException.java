package dev.llmring.lockfile;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A lockfile could not be read, found, validated or written, or a lookup in it failed.
 *
 * <p>Where the place is known the exception carries the file (path or URL), the 1-based line and column, and the
 * field path (such as {@code profiles.default.bindings[0].models[1]}); {@link #getMessage()} names all of them
 * ahead of the {@link #detail() detail}: {@code llmring.lock:14:11: profiles.default.bindings[0].models[1]: ...}.
 * A message never contains a secret found in the file.
 */
public class LockfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, without the place. */
    private final String detail;

    /** The file's path or URL; null when unknown. */
    private final @Nullable String file;

    /** The 1-based line; 0 when unknown. */
    private final int line;

    /** The 1-based column; 0 when unknown. */
    private final int column;

    /** The field path, such as {@code profiles.default.bindings[0]}; null when unknown. */
    private final @Nullable String field;

    /**
     * A failure with no known place.
     *
     * @param detail what went wrong
     */
    public LockfileException(String detail) {
        this(detail, null, 0, 0, null, null);
    }

    /**
     * A failure at a known place.
     *
     * @param detail what went wrong
     * @param file the file path or URL, if known
     * @param line the 1-based line, or 0 if unknown
     * @param column the 1-based column, or 0 if unknown
     * @param field the field path, if known
     * @param cause the underlying failure, if any
     */
    public LockfileException(
            String detail,
            @Nullable String file,
            int line,
            int column,
            @Nullable String field,
            @Nullable Throwable cause) {
        super(compose(detail, file, line, column, field), cause);
        this.detail = detail;
        this.file = file;
        this.line = Math.max(0, line);
        this.column = line > 0 ? Math.max(0, column) : 0;
        this.field = field;
    }

    /** {@return the file path or URL the problem is in, if known} */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** {@return the 1-based line of the problem, or 0 if unknown} */
    public int line() {
        return line;
    }

    /** {@return the 1-based column of the problem, or 0 if unknown} */
    public int column() {
        return column;
    }

    /** {@return the field path of the problem (such as {@code profiles.dev.bindings[2].alias}), if known} */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** {@return the message without the place} */
    public String detail() {
        return detail;
    }

    private static String compose(String detail, @Nullable String file, int line, int column, @Nullable String field) {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file);
        }
        if (line > 0) {
            out.append(file != null ? ":" : "line ").append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        if (field != null) {
            out.append(out.length() > 0 ? ": " : "").append(field);
        }
        return out.length() == 0 ? detail : out.append(": ").append(detail).toString();
    }
}
