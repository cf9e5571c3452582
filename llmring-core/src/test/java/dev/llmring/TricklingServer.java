package dev.llmring;

import dev.llmring.testsupport.RawLoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 server on loopback that answers every request with {@code prefix} at once and then writes the bytes
 * of {@code trickle}, over and over, one byte per {@code period}, until the client hangs up: a server that is never
 * silent long enough to trip a byte-based timeout, yet completes no frame (when {@code trickle} holds no frame end).
 */
final class TricklingServer implements AutoCloseable {
    final CountDownLatch clientClosed = new CountDownLatch(1);
    private final byte[] prefix;
    private final byte[] trickle;
    private final long periodMillis;
    private final RawLoopbackServer server;

    TricklingServer(String prefix, String trickle, long periodMillis) throws IOException {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.trickle = trickle.getBytes(StandardCharsets.UTF_8);
        this.periodMillis = periodMillis;
        this.server = new RawLoopbackServer("trickling", this::serve);
    }

    URI base() {
        return server.base();
    }

    private void serve(Socket s) {
        try (s) {
            if (!RawLoopbackServer.readRequest(s.getInputStream())) return;
            OutputStream out = s.getOutputStream();
            out.write(prefix);
            out.flush();
            for (int i = 0; ; i = (i + 1) % trickle.length) {
                TimeUnit.MILLISECONDS.sleep(periodMillis);
                out.write(trickle[i]);
                out.flush();
            }
        } catch (IOException e) {
            clientClosed.countDown(); // the client went away: the write failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
