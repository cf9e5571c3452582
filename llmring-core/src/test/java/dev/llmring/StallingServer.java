package dev.llmring;

import dev.llmring.testsupport.RawLoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
    static final String SSE_HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

    private final String prefix;
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch requestReceived = new CountDownLatch(1);
    final CountDownLatch clientClosed = new CountDownLatch(1);
    private final RawLoopbackServer server;

    /** Answers every request with {@code prefix}, then stalls. */
    StallingServer(String prefix) throws IOException {
        this.prefix = prefix;
        this.server = new RawLoopbackServer("stalling", this::serve);
    }

    URI base() {
        return server.base();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            if (!RawLoopbackServer.readRequest(in)) {
                clientClosed.countDown(); // the request was cut: a drop too
                return;
            }
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
