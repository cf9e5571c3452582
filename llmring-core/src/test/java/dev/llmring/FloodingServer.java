package dev.llmring;

import dev.llmring.testsupport.RawLoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 server on loopback that answers with a body of {@code size} bytes (spaces inside a JSON array, so it
 * would parse), written as fast as the client takes it, and counts how many bytes it managed to write before the
 * client hung up. With or without a {@code Content-Length}.
 */
final class FloodingServer implements AutoCloseable {
    final AtomicLong written = new AtomicLong();
    final CountDownLatch done = new CountDownLatch(1);
    private final long size;
    private final boolean announce;
    private final RawLoopbackServer server;

    FloodingServer(long size, boolean announce) throws IOException {
        this.size = size;
        this.announce = announce;
        this.server = new RawLoopbackServer("flooding", this::serve);
    }

    URI base() {
        return server.base();
    }

    private void serve(Socket s) {
        try (s) {
            if (!RawLoopbackServer.readRequest(s.getInputStream())) return;
            OutputStream out = s.getOutputStream();
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + (announce ? "Content-Length: " + size + "\r\n" : "Connection: close\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                chunk[0] = ' ';
                written.addAndGet(n);
                left -= n;
            }
            out.flush();
        } catch (IOException e) {
            // the client hung up
        } finally {
            done.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
