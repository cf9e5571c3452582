package dev.llmring;

import dev.llmring.testsupport.RawLoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback that answers its first request with 500 at once and every later one with a
 * good answer, but only once {@link #gate} is opened: a test decides when a call in flight may finish.
 */
final class GatedServer implements AutoCloseable {
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch secondRequest = new CountDownLatch(1);
    private final RawLoopbackServer server;

    GatedServer() throws IOException {
        server = new RawLoopbackServer("gated", this::serve);
    }

    URI base() {
        return server.base();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (RawLoopbackServer.readRequest(in)) {
                int n = requests.incrementAndGet();
                String body;
                String status;
                if (n == 1) {
                    status = "500 Internal Server Error";
                    body = "{}";
                } else {
                    if (n == 2) secondRequest.countDown();
                    if (!gate.await(30, TimeUnit.SECONDS)) return;
                    status = "200 OK";
                    body = "[{\"text\":\"from-gated\"},{\"finish\":\"stop\"}]";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                                + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        gate.countDown();
        server.close();
    }
}
