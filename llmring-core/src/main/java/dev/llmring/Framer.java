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
        int n = length;
        length = 0;
        onLine(line, n);
        if (line.length > 64 * 1024) line = new byte[512];
    }

    /** One line, without its line end: {@code bytes[0, length)}, valid until this returns. */
    abstract void onLine(byte[] bytes, int length);

    abstract void endOfBody();

    static String utf8(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** Whether {@code bytes[from, to)} is exactly the ASCII text {@code name}. */
    private static boolean is(byte[] bytes, int from, int to, String name) {
        if (to - from != name.length()) return false;
        for (int i = 0; i < name.length(); i++) {
            if (bytes[from + i] != name.charAt(i)) return false;
        }
        return true;
    }

    /**
     * Server-sent events as the HTML standard frames them: LF, CRLF or CR line ends; lines starting with ':' are
     * comments; {@code data:} lines accumulate, joined with '\n'; {@code event:} names the event; a blank line
     * dispatches; an event without data is dropped; one space after the colon is removed; {@code id:},
     * {@code retry:} and unknown fields are ignored. Unlike a browser, a pending event is delivered at the end of the
     * body even without its blank line (the decoder judges whether the stream was complete), and
     * {@code data: [DONE]} is just a frame: the adapter decides what it means.
     *
     * <p>Fields are told apart on the line's bytes; the only text made of an event is its data, decoded once from
     * the bytes (a single {@code data:} line, the usual case, is handed over as that one string).
     */
    static final class Sse extends Framer {
        private @Nullable String event;
        private @Nullable String data;
        private @Nullable StringBuilder joined;
        private boolean first = true;

        Sse(Sink sink) {
            super(sink);
        }

        @Override
        void onLine(byte[] bytes, int length) {
            int from = 0;
            if (first) {
                first = false;
                if (length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
                    from = 3; // a byte order mark
                }
            }
            if (from == length) {
                dispatch();
                return;
            }
            if (bytes[from] == ':') {
                sink.keepAlive();
                return;
            }
            int colon = from;
            while (colon < length && bytes[colon] != ':') colon++;
            int value = colon < length ? colon + 1 : length;
            if (value < length && bytes[value] == ' ') value++;
            if (is(bytes, from, colon, "data")) {
                data(utf8(bytes, value, length));
            } else if (is(bytes, from, colon, "event")) {
                event = utf8(bytes, value, length);
            } // id, retry and unknown fields carry nothing for us
        }

        private void data(String value) {
            String d = data;
            StringBuilder j = joined;
            if (d == null && j == null) {
                data = value;
                return;
            }
            if (j == null) {
                j = new StringBuilder(2 * (d.length() + value.length()) + 16).append(d);
                joined = j;
                data = null;
            }
            if (j.length() + 1 + value.length() > MAX_FRAME_BYTES) {
                throw ProviderFailure.malformed("stream event larger than " + MAX_FRAME_BYTES + " bytes", null);
            }
            j.append('\n').append(value);
        }

        private void dispatch() {
            StringBuilder j = joined;
            String d = j != null ? j.toString() : data;
            String name = event;
            data = null;
            joined = null;
            event = null;
            if (d == null) {
                sink.keepAlive();
            } else {
                sink.frame(name == null || name.isEmpty() ? null : name, d);
            }
        }

        @Override
        void endOfBody() {
            if (data != null || joined != null) dispatch();
        }
    }

    /** Newline-delimited JSON: every non-blank line is one frame; blank lines are keep-alives. */
    static final class Ndjson extends Framer {
        Ndjson(Sink sink) {
            super(sink);
        }

        @Override
        void onLine(byte[] bytes, int length) {
            boolean asciiBlank = true;
            for (int i = 0; i < length && asciiBlank; i++) {
                byte b = bytes[i];
                asciiBlank = b == ' ' || b == '\t' || b == 0x0B || b == '\f' || b == 0x1C || b == 0x1D || b == 0x1E
                        || b == 0x1F;
            }
            if (asciiBlank) {
                sink.keepAlive();
                return;
            }
            String text = utf8(bytes, 0, length);
            if (text.isBlank()) {
                sink.keepAlive(); // blank by a non-ASCII space
            } else {
                sink.frame(null, text);
            }
        }

        @Override
        void endOfBody() {}
    }
}
