package dev.llmring.lens;

import dev.llmring.ErrorDetails;
import dev.llmring.LlmRingException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lens cannot run as asked: a prompts file it cannot read (naming the file, line and field), a run that would
 * pass its request or cost limit without being confirmed, or an output directory it cannot write.
 */
public class LensException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /** The file at fault, or null when the error is not about a file. */
    private final @Nullable String file;

    /** The line at fault (1 first), or 0. */
    private final int line;

    /**
     * An error about the run itself.
     *
     * @param message what is wrong and what to do about it
     */
    public LensException(String message) {
        this(message, null, 0, null);
    }

    /**
     * An error about an input or output file.
     *
     * @param message what is wrong, already naming the file and line
     * @param file the file at fault
     * @param line its line (1 first), or 0 when the error is not about one line
     * @param cause the underlying error, if any
     */
    public LensException(String message, @Nullable String file, int line, @Nullable Throwable cause) {
        super(message, ErrorDetails.none(), cause);
        this.file = file;
        this.line = line;
    }

    /** {@return the file at fault, when the error is about one} */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** {@return the line at fault (1 first), or 0} */
    public int line() {
        return line;
    }
}
