package dev.llmring.internal.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * The response bytes, buffered. Before every read from the socket it checks the total deadline and sets the socket
 * timeout to the read bound or the time left, whichever is shorter, so a server that trickles bytes is cut off.
 */
final class ResponseInput {
    private final Socket socket;
    private final InputStream in;
    private final Deadline deadline;
    private final Duration readTimeout;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    ResponseInput(Socket socket, Deadline deadline, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = deadline;
        this.readTimeout = readTimeout;
    }

    /** Reads more bytes into the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        socket.setSoTimeout(deadline.nextReadTimeoutMillis(readTimeout));
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) return false;
        position = 0;
        limit = n;
        return true;
    }

    /** One byte, or -1 at end of stream. */
    int read() throws IOException {
        if (position == limit && !fill()) return -1;
        return buffer[position++] & 0xff;
    }

    /** Up to {@code length} bytes into {@code target}; -1 at end of stream. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (position == limit && !fill()) return -1;
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * One line ending in CRLF, without it, as ISO-8859-1 text.
     *
     * @throws MalformedResponseException at end of stream, on a bare LF, or when the line is longer than {@code max}
     */
    String readLine(int max) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = read();
            if (b < 0) throw new MalformedResponseException("connection closed in the middle of a line");
            if (b == '\r') {
                if (read() != '\n') throw new MalformedResponseException("CR without LF");
                return line.toString();
            }
            if (b == '\n') throw new MalformedResponseException("bare LF line ending");
            if (line.length() >= max) throw new MalformedResponseException("line longer than " + max + " bytes");
            line.append((char) b);
        }
    }
}
