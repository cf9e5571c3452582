package dev.llmring.providers.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that answers every request with the one response it is set to serve, whole,
 * then closes the connection: the fuzzer's bodies reach the client byte for byte, malformed or not.
 */
final class LoopbackServer implements AutoCloseable {
    /** What to answer: status, headers and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {}

    private final ServerSocket socket;
    private final Thread acceptor;
    private volatile Response response = new Response(500, Map.of(), new byte[0]);

    LoopbackServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "fuzz-loopback-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI root() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    void serve(Response next) {
        response = next;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(5_000);
                readRequest(s.getInputStream());
                write(s.getOutputStream(), response);
            } catch (SocketException e) {
                if (socket.isClosed()) return;
            } catch (IOException e) {
                // the client gave up on this exchange (a timeout, a cut body): serve the next one
            }
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        in.readNBytes((int) length);
    }

    private static void write(OutputStream out, Response r) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + r.status() + " Fuzz\r\n");
        r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(r.body().length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(r.body());
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket: nothing to do
        }
    }
}
