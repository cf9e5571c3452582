package dev.llmring.providers.google;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmring.providers.internal.ProviderJson;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The body or frame {@link GeminiDecoder} is reading, for reading a part of it again: a raw part, known to be one
 * only at its end, and a value whose copy met a repeated key (see {@link ProviderJson#copy(JsonParser)}). Offsets are those
 * of {@link ProviderJson#tokenOffset}: bytes of a UTF-8 body, chars of a frame.
 */
final class GeminiInput {
    private byte @Nullable [] bytes;
    private @Nullable String text;

    void set(byte[] body) {
        bytes = body;
        text = null;
    }

    void set(String frame) {
        bytes = null;
        text = frame;
    }

    /** Lets go of the input once it was read. */
    void clear() {
        bytes = null;
        text = null;
    }

    /**
     * The value at {@code [start, end)} as compact JSON text, as writing its tree gives it.
     *
     * @throws IOException never in practice: the value was read once already
     */
    String json(long start, long end) throws IOException {
        try (JsonParser parser = slice(start, end)) {
            parser.nextToken();
            return ProviderJson.copy(parser);
        }
    }

    private JsonParser slice(long start, long end) throws IOException {
        int from = Math.toIntExact(start);
        int to = Math.toIntExact(end);
        if (bytes != null) return ProviderJson.FACTORY.createParser(bytes, from, to - from);
        if (text != null) return ProviderJson.parser(text.substring(from, to));
        throw new IllegalStateException("no input to read again");
    }
}
