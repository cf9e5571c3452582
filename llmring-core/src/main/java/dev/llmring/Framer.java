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
    /** The largest line or event accepted by default; a server sending more is treated as malformed. */
    static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;
    /** The most bytes of a read-only buffer copied at once into the reused scratch array. */
    private static final int SCRATCH_BYTES = 16 * 1024;

    /** Where frames go. */
    interface Sink {
        /** One frame: the SSE event name (or null) and its data; for NDJSON, null and one line. */
        void frame(@Nullable String event, String data);

        /** A comment or keep-alive: proof of life, no content. */
        void keepAlive();
    }

    final Sink sink;
    /** The largest line or event accepted; a server sending more is malformed, not buffered past it. */
    final int maxFrame;

    private byte[] line = new byte[512];
    private int length;
    private byte @Nullable [] scratch;
    private boolean afterCr;

    Framer(Sink sink, int maxFrame) {
        this.sink = sink;
        this.maxFrame = maxFrame;
    }

    static Framer of(WireFormat format, Sink sink) {
        return of(format, sink, MAX_FRAME_BYTES);
    }

    /** A framer that refuses a line or event longer than {@code maxFrame} bytes. */
    static Framer of(WireFormat format, Sink sink, int maxFrame) {
        return format == WireFormat.NDJSON ? new Ndjson(sink, maxFrame) : new Sse(sink, maxFrame);
    }

    /** Consumes every remaining byte of {@code buffer}. @throws ProviderFailure for an oversized frame */
    final void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int from = buffer.arrayOffset() + buffer.position();
            int to = buffer.arrayOffset() + buffer.limit();
            buffer.position(buffer.limit());
            feed(buffer.array(), from, to);
            return;
        }
        // the HttpClient hands over read-only buffers: copied in bulk into one reused array, a read at a time
        while (buffer.hasRemaining()) {
            int n = Math.min(buffer.remaining(), SCRATCH_BYTES);
            byte[] s = scratch;
            if (s == null || s.length < n) scratch = s = new byte[Math.max(n, 4096)];
            buffer.get(s, 0, n);
            feed(s, 0, n);
        }
    }

    /**
     * Scans {@code bytes[from, to)} for line ends. A line that lies whole in these bytes is handed over where it is;
     * only a line split across reads is gathered in the line buffer.
     */
    private void feed(byte[] bytes, int from, int to) {
        int start = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') continue;
            if (b == '\n' && afterCr && i == start) {
                afterCr = false; // the LF of a CRLF
                start = i + 1;
                continue;
            }
            afterCr = b == '\r';
            if (length == 0) {
                onLine(bytes, start, i);
            } else {
                append(bytes, start, i);
                endLine();
            }
            start = i + 1;
        }
        if (start < to) {
            afterCr = false;
            append(bytes, start, to);
        }
    }

    private void append(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n == 0) return;
        if (length + n > line.length) {
            if (length + n > maxFrame) {
                throw ProviderFailure.malformed("stream line longer than " + maxFrame + " bytes", null);
            }
            line = Arrays.copyOf(line, (int) Math.min(maxFrame, Math.max(length + n, 2L * line.length)));
        }
        System.arraycopy(bytes, from, line, length, n);
        length += n;
    }

    /** The body ended: a last line without a line end still counts, and a pending event is delivered. */
    final void finish() {
        if (length > 0) endLine();
        endOfBody();
    }

    private void endLine() {
        int n = length;
        length = 0;
        onLine(line, 0, n);
        if (line.length > 64 * 1024) line = new byte[512];
    }

    /** One line, without its line end: {@code bytes[from, to)}, valid until this returns. */
    abstract void onLine(byte[] bytes, int from, int to);

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

        Sse(Sink sink, int maxFrame) {
            super(sink, maxFrame);
        }

        @Override
        void onLine(byte[] bytes, int start, int to) {
            int from = start;
            if (first) {
                first = false;
                if (to - from >= 3
                        && bytes[from] == (byte) 0xEF
                        && bytes[from + 1] == (byte) 0xBB
                        && bytes[from + 2] == (byte) 0xBF) {
                    from += 3; // a byte order mark
                }
            }
            if (from == to) {
                dispatch();
                return;
            }
            if (bytes[from] == ':') {
                sink.keepAlive();
                return;
            }
            int colon = from;
            while (colon < to && bytes[colon] != ':') colon++;
            int value = colon < to ? colon + 1 : to;
            if (value < to && bytes[value] == ' ') value++;
            if (is(bytes, from, colon, "data")) {
                data(utf8(bytes, value, to));
            } else if (is(bytes, from, colon, "event")) {
                event = utf8(bytes, value, to);
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
            if (j.length() + 1 + value.length() > maxFrame) {
                throw ProviderFailure.malformed("stream event larger than " + maxFrame + " bytes", null);
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
        Ndjson(Sink sink, int maxFrame) {
            super(sink, maxFrame);
        }

        @Override
        void onLine(byte[] bytes, int from, int to) {
            boolean asciiBlank = true;
            for (int i = from; i < to && asciiBlank; i++) {
                byte b = bytes[i];
                asciiBlank = b == ' ' || b == '\t' || b == 0x0B || b == '\f' || b == 0x1C || b == 0x1D || b == 0x1E
                        || b == 0x1F;
            }
            if (asciiBlank) {
                sink.keepAlive();
                return;
            }
            String text = utf8(bytes, from, to);
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
