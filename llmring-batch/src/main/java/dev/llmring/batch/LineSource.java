package dev.llmring.batch;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a batch's input lines come from, one JSON object a line. The runner reads a source more than once (a
 * first pass checks the ids before anything is sent), so {@link #open()} starts a new pass from the first line each
 * time and every pass must see the same lines. {@link #file(Path)} reads a JSONL file; another source (a queue, an
 * object store) implements this interface.
 */
public interface LineSource {

    /**
     * A new pass over the lines, from the first. The caller closes it.
     *
     * @return a pass over the lines, to be closed
     * @throws java.io.UncheckedIOException when the source cannot be read
     */
    Lines open();

    /**
     * What the source is, for messages (a file's path).
     *
     * @return the name, e.g. the file's path
     */
    String name();

    /**
     * Whether every {@link #open()} sees the same lines (default true). A source that hands each line out once (a
     * shared queue, read by several workers) answers false: the runner then opens it once, skips the first pass (the
     * duplicate and changed-request checks belong to whoever fills the queue) and refuses ordered output.
     *
     * @return true when every pass sees the same lines
     */
    default boolean replayable() {
        return true;
    }

    /** One pass over the lines. */
    interface Lines extends Closeable {
        /**
         * The next line, without its line terminator.
         *
         * @return null at the end
         * @throws IOException when the source cannot be read
         */
        @Nullable
        String next() throws IOException;
    }

    /**
     * A UTF-8 JSONL file, streamed (never loaded whole). Bytes that are not UTF-8 are read as U+FFFD.
     *
     * @param path the file
     * @return a source reading the file afresh on each pass
     * @throws IllegalArgumentException when the file does not exist (checked at once)
     */
    static LineSource file(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException("no input file " + path);
        return new LineSource() {
            @Override
            public Lines open() {
                BufferedReader reader;
                try {
                    reader = new BufferedReader(
                            new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8), 1 << 16);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
                }
                return new Lines() {
                    @Override
                    public @Nullable String next() throws IOException {
                        return reader.readLine();
                    }

                    @Override
                    public void close() throws IOException {
                        reader.close();
                    }
                };
            }

            @Override
            public String name() {
                return path.toString();
            }
        };
    }
}
