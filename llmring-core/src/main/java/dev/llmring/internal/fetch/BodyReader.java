package dev.llmring.internal.fetch;

import dev.llmring.RemoteUrlRefusedException.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads a response body framed by {@code Content-Length}, by {@code chunked} transfer coding or by the end of the
 * connection, never holding more than the size cap: the read stops and the fetch is refused as soon as the body
 * would pass it.
 */
final class BodyReader {
    private final ResponseInput in;
    private final long maxBytes;
    private final String display;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[8192];

    BodyReader(ResponseInput in, long maxBytes, String display) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.display = display;
    }

    byte[] fixedLength(long length) throws IOException {
        ensureRoomFor(length);
        copy(length);
        return body.toByteArray();
    }

    byte[] untilClose() throws IOException {
        while (true) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, maxBytes - body.size() + 1));
            if (n < 0) return body.toByteArray();
            ensureRoomFor(n);
            body.write(chunk, 0, n);
        }
    }

    byte[] chunked() throws IOException {
        while (true) {
            String line = in.readLine(ResponseHead.MAX_LINE);
            int semicolon = line.indexOf(';');
            String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
            if (size.isEmpty() || size.length() > 15 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new MalformedResponseException("bad chunk size");
            }
            long length = Long.parseLong(size, 16);
            if (length == 0) {
                for (int i = 0; !in.readLine(ResponseHead.MAX_LINE).isEmpty(); i++) {
                    if (i >= ResponseHead.MAX_FIELDS) throw new MalformedResponseException("too many trailer fields");
                }
                return body.toByteArray();
            }
            ensureRoomFor(length);
            copy(length);
            if (!in.readLine(0).isEmpty()) throw new MalformedResponseException("chunk not followed by CRLF");
        }
    }

    private void copy(long length) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) throw new MalformedResponseException("connection closed before the body was complete");
            body.write(chunk, 0, n);
            left -= n;
        }
    }

    private void ensureRoomFor(long more) {
        if (more > maxBytes - body.size()) {
            throw Refusal.of(Rule.TOO_LARGE, display, "body is larger than the limit of " + maxBytes + " bytes");
        }
    }
}
