package dev.llmring.lockfile;

import java.nio.file.Path;
import java.util.Locale;

/** The two on-disk forms of a lockfile. Both carry the same fields. */
public enum Format {
    /** TOML, the default ({@code llmring.lock}). */
    TOML,
    /** JSON ({@code llmring.lock.json} or any name ending in {@code .json}). */
    JSON;

    /**
     * The format a file name implies: JSON when it ends in {@code .json} (any case), TOML otherwise.
     *
     * @param file the file
     * @return its format
     */
    public static Format of(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : TOML;
    }
}
