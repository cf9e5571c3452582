package dev.llmring.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A raw HTTP/1.1 listener on loopback for what WireMock cannot show (answers held back on a latch, stalls with the
 * connection open): it accepts connections on a daemon thread and hands each one, on a daemon thread of its own,
 * to a handler that reads requests with {@link #readRequest} and writes whatever bytes it likes.
 */
public final class RawLoopbackServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final String name;
    private final Consumer<Socket> handler;

    /** Starts listening; {@code name} names the threads ({@code name-server}, {@code name-connection}). */
    public RawLoopbackServer(String name, Consumer<Socket> handler) throws IOException {
        this.name = name;
        this.handler = handler;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, name + "-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread t = new Thread(() -> handler.accept(s), name + "-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Reads one request: the head up to the blank line, then {@code Content-Length} bytes of body.
     *
     * @return false if the client closed the connection before a whole head arrived
     */
    public static boolean readRequest(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) return false;
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return true;
    }

    /** The head of one request, up to and with the blank line; null if the client closed the connection first. */
    public static @Nullable String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops listening and closes every accepted connection. */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : connections) s.close();
    }
}
