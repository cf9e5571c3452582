package dev.llmring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback for what WireMock cannot show: it writes a scripted prefix of a response (maybe
 * nothing, maybe headers and a few events), then stalls with the connection open, and counts down
 * {@link #clientClosed} when the client drops the connection. Nothing here sleeps: a stall is a blocking read that
 * ends when the client goes away or the server is closed.
 */
final class StallingServer implements AutoCloseable {
    /** Headers of a streamed answer read until the connection closes. */
    static final String SSE_HEADERS =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

    private final ServerSocket socket;
    private final String prefix;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch requestReceived = new CountDownLatch(1);
    final CountDownLatch clientClosed = new CountDownLatch(1);

    /** Answers every request with {@code prefix}, then stalls. */
    StallingServer(String prefix) throws IOException {
        this.prefix = prefix;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "stalling-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            readRequest(in);
            requests.incrementAndGet();
            requestReceived.countDown();
            OutputStream out = s.getOutputStream();
            out.write(prefix.getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (in.read() >= 0) {
                // stall until the client goes away
            }
            clientClosed.countDown();
        } catch (IOException e) {
            clientClosed.countDown(); // a reset is a drop too
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("request cut");
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : connections) s.close();
    }
}
