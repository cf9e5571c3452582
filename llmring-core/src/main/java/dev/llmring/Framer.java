package dev.llmring;

import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a streamed body into frames as bytes arrive: SSE events or NDJSON lines. Works on bytes, so a UTF-8 character
 * split across two network reads is decoded whole (line ends never fall inside a multi-byte character). Not
 * thread-safe: one framer per exchange, fed by one thread at a time.
 */
abstract class Framer {
    /** The largest line or event accepted; a server sending more is treated as malformed, not buffered forever. */
    static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;

    /** Where frames go. */
    interface Sink {
        /** One frame: the SSE event name (or null) and its data; for NDJSON, null and one line. */
        void frame(@Nullable String event, String data);

        /** A comment or keep-alive: proof of life, no content. */
        void keepAlive();
    }

    final Sink sink;
    private byte[] line = new byte[512];
    private int length;
    private boolean afterCr;

    Framer(Sink sink) {
        this.sink = sink;
    }

    static Framer of(WireFormat format, Sink sink) {
        return format == WireFormat.NDJSON ? new Ndjson(sink) : new Sse(sink);
    }

    /** Consumes every remaining byte of {@code buffer}. @throws ProviderFailure for an oversized frame */
    final void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                if (afterCr) {
                    afterCr = false; // the LF of a CRLF
                } else {
                    endLine();
                }
            } else if (b == '\r') {
                endLine();
                afterCr = true;
            } else {
                afterCr = false;
                if (length == line.length) {
                    if (length >= MAX_FRAME_BYTES) {
                        throw ProviderFailure.malformed("stream line longer than " + MAX_FRAME_BYTES + " bytes", null);
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_FRAME_BYTES, length * 2));
                }
                line[length++] = b;
            }
        }
    }

    /** The body ended: a last line without a line end still counts, and a pending event is delivered. */
    final void finish() {
        if (length > 0) endLine();
        endOfBody();
    }

    private void endLine() {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        if (line.length > 64 * 1024) line = new byte[512];
        onLine(text);
    }

    abstract void onLine(String line);

    abstract void endOfBody();

    /**
     * Server-sent events as the HTML standard frames them: LF, CRLF or CR line ends; lines starting with ':' are
     * comments; {@code data:} lines accumulate, joined with '\n'; {@code event:} names the event; a blank line
     * dispatches; an event without data is dropped; one space after the colon is removed; {@code id:},
     * {@code retry:} and unknown fields are ignored. Unlike a browser, a pending event is delivered at the end of the
     * body even without its blank line (the decoder judges whether the stream was complete), and
     * {@code data: [DONE]} is just a frame: the adapter decides what it means.
     */
    static final class Sse extends Framer {
        private @Nullable String event;
        private @Nullable StringBuilder data;
        private boolean first = true;

        Sse(Sink sink) {
            super(sink);
        }

        @Override
        void onLine(String text) {
            if (first) {
                first = false;
                if (text.startsWith("\uFEFF")) text = text.substring(1);
            }
            if (text.isEmpty()) {
                dispatch();
                return;
            }
            if (text.charAt(0) == ':') {
                sink.keepAlive();
                return;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value.length() + 16);
                    } else {
                        data.append('\n');
                    }
                    if (data.length() + value.length() > MAX_FRAME_BYTES) {
                        throw ProviderFailure.malformed("stream event larger than " + MAX_FRAME_BYTES + " bytes", null);
                    }
                    data.append(value);
                }
                case "event" -> event = value;
                default -> { } // id, retry and unknown fields carry nothing for us
            }
        }

        private void dispatch() {
            StringBuilder d = data;
            String name = event;
            data = null;
            event = null;
            if (d == null) {
                sink.keepAlive();
            } else {
                sink.frame(name == null || name.isEmpty() ? null : name, d.toString());
            }
        }

        @Override
        void endOfBody() {
            if (data != null) dispatch();
        }
    }

    /** Newline-delimited JSON: every non-blank line is one frame; blank lines are keep-alives. */
    static final class Ndjson extends Framer {
        Ndjson(Sink sink) {
            super(sink);
        }

        @Override
        void onLine(String text) {
            if (text.isBlank()) {
                sink.keepAlive();
            } else {
                sink.frame(null, text);
            }
        }

        @Override
        void endOfBody() {}
    }
}
