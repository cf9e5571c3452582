package dev.llmring.internal.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Response handlers and bodies for {@link TlsTestServer}. */
final class Responses {
    private Responses() {}

    /** A PNG-looking body: the PNG signature followed by filler, {@code length} bytes in all. */
    static byte[] png(int length) {
        byte[] b = new byte[length];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        for (int i = magic.length; i < length; i++) b[i] = (byte) i;
        return b;
    }

    static byte[] jpeg(int length) {
        byte[] b = new byte[length];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[2] = (byte) 0xff;
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** 200 with the content type and a Content-Length body. */
    static TlsTestServer.Handler ok(String contentType, byte[] body) {
        return raw(
                "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n",
                body);
    }

    /** The head text verbatim, then the body. */
    static TlsTestServer.Handler raw(String head, byte[] body) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(ascii(head));
            out.write(body);
        };
    }

    /** The body split into chunks of {@code size}, with a chunk extension and a trailer field. */
    static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            byte[] part = Arrays.copyOfRange(body, i, Math.min(body.length, i + size));
            out.writeBytes(ascii(Integer.toHexString(part.length) + ";ext=1\r\n"));
            out.writeBytes(part);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\nX-Trailer: yes\r\n\r\n"));
        return out.toByteArray();
    }

    /** Writes {@code block} again and again until the client hangs up. */
    static void writeForever(Socket socket, byte[] block) {
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException hungUp) {
            // the client stopped reading: the point of the test
        }
    }

    /** Writes one byte every {@code pauseMillis} until the client hangs up. */
    static void trickle(Socket socket, int pauseMillis) throws InterruptedException {
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(0);
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (IOException hungUp) {
            // the client gave up: the point of the test
        }
    }

    /** Blocks until the client closes the connection (sends nothing meanwhile). */
    static void awaitHangUp(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // discard
            }
        } catch (IOException hungUp) {
            // closed
        }
    }
}
