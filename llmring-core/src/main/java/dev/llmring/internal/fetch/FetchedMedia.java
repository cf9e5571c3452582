package dev.llmring.internal.fetch;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A successfully fetched image or document.
 *
 * @param bytes the body; the array is handed over, not copied
 * @param mediaType the declared content type, lower case and without parameters, which the magic bytes confirmed
 *     (one of {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}, {@code application/pdf})
 */
public record FetchedMedia(byte[] bytes, String mediaType) {
    public FetchedMedia {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FetchedMedia m && Arrays.equals(m.bytes, bytes) && m.mediaType.equals(mediaType);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + mediaType.hashCode();
    }

    @Override
    public String toString() {
        return "FetchedMedia[" + mediaType + ", " + bytes.length + " bytes]";
    }
}
