package dev.llmring.providers.testsupport;

import dev.llmring.spi.ResponseDecoder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Splits fixture bodies into the frames the core's framers deliver, and feeds them to decoders. */
public final class Frames {
    private Frames() {}

    /** One SSE event: its {@code event:} name (or null) and its {@code data:} lines joined by newlines. */
    public record Sse(@Nullable String event, String data) {}

    /**
     * The events of an SSE body: separated by blank lines (LF, CRLF or CR), {@code event:} and {@code data:} fields
     * read, comments and other fields skipped, events without data dropped.
     */
    public static List<Sse> sse(String body) {
        List<Sse> frames = new ArrayList<>();
        String event = null;
        List<String> data = new ArrayList<>();
        for (String line : body.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) frames.add(new Sse(event, String.join("\n", data)));
                event = null;
                data.clear();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        if (!data.isEmpty()) frames.add(new Sse(event, String.join("\n", data)));
        return frames;
    }

    /** The {@code data} of each event of an SSE body (for providers whose events have no names). */
    public static List<String> sseData(String body) {
        return sse(body).stream().map(Sse::data).toList();
    }

    /** The non-blank lines of an NDJSON body. */
    public static List<String> ndjson(String body) {
        return body.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Feeds every event of an SSE body to {@code decoder}, then ends the body. */
    public static void feedSse(String body, ResponseDecoder decoder) {
        for (Sse frame : sse(body)) decoder.onFrame(frame.event(), frame.data());
        decoder.onEnd();
    }

    /** Feeds every line of an NDJSON body to {@code decoder}, then ends the body. */
    public static void feedNdjson(String body, ResponseDecoder decoder) {
        for (String line : ndjson(body)) decoder.onFrame(null, line);
        decoder.onEnd();
    }
}
