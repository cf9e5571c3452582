package dev.llmring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A minimal loopback HTTP/1.1 server that answers {@code POST /v1/chat/completions} with {@link Canned} bytes: the
 * SSE stream when the JSON body holds {@code "stream":true}, else the chat completion. One blocking thread per
 * keep-alive connection, request heads parsed on bytes in a per-connection buffer: after warm-up it allocates next to
 * nothing per request (see {@link #allocatedBytes()}), so that what a benchmark measures is the client. It understands
 * just enough HTTP for the clients benchmarked: {@code Content-Length} request bodies, keep-alive, and it ignores an
 * {@code Upgrade: h2c} offer (answering in HTTP/1.1, which a client must accept). Started with an {@link SSLContext}, it
 * speaks TLS ({@code https://}) with the JDK's defaults and offers no ALPN protocol, so clients speak HTTP/1.1 there
 * too.
 */
final class FakeOpenAiServer implements AutoCloseable {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST_LINE = "POST /v1/chat/completions ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = ("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong finishedThreadBytes = new AtomicLong();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private final String scheme;

    private FakeOpenAiServer(@Nullable SSLContext tls) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        listener = tls == null
                ? new ServerSocket(0, 1024, loopback)
                : tls.getServerSocketFactory().createServerSocket(0, 1024, loopback);
        scheme = tls == null ? "http" : "https";
        Thread acceptor = new Thread(this::accept, "fake-openai-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeOpenAiServer start() throws IOException {
        return new FakeOpenAiServer(null);
    }

    /** A server speaking TLS with {@code tls}'s key and certificate. */
    static FakeOpenAiServer start(SSLContext tls) throws IOException {
        return new FakeOpenAiServer(tls);
    }

    /** The OpenAI base URL of this server, {@code http(s)://127.0.0.1:PORT/v1}. */
    URI baseUrl() {
        return URI.create(
                scheme + "://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort() + "/v1");
    }

    int port() {
        return listener.getLocalPort();
    }

    long requests() {
        return requests.get();
    }

    int connectionsAccepted() {
        return connectionCount.get();
    }

    /** Bytes allocated so far by the server's connection threads (HotSpot's per-thread counters). */
    long allocatedBytes() {
        long sum = finishedThreadBytes.get();
        for (Thread t : threads) {
            long b = threadBytes(t.getId());
            if (b > 0) sum += b;
        }
        return sum;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(s);
            connectionCount.incrementAndGet();
            Thread t = new Thread(() -> serve(s), "fake-openai-" + connectionCount.get());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int start = 0;
            int end = 0;
            while (true) {
                int headEnd;
                while ((headEnd = indexOf(buf, start, end, HEAD_END)) < 0) {
                    if (end == buf.length) {
                        if (start > 0) {
                            System.arraycopy(buf, start, buf, 0, end - start);
                            end -= start;
                            start = 0;
                        } else {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                    }
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) return;
                    end += n;
                }
                int bodyStart = headEnd + HEAD_END.length;
                if (indexOfIgnoreCase(buf, start, bodyStart, CHUNKED) >= 0) {
                    out.write(BAD_REQUEST);
                    return;
                }
                int length = contentLength(buf, start, bodyStart);
                if (bodyStart + length > buf.length) {
                    int have = end - start;
                    byte[] bigger = new byte[Math.max(buf.length, bodyStart - start + length)];
                    System.arraycopy(buf, start, bigger, 0, have);
                    bodyStart -= start;
                    headEnd -= start;
                    start = 0;
                    end = have;
                    buf = bigger;
                }
                while (end < bodyStart + length) {
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) return;
                    end += n;
                }
                requests.incrementAndGet();
                if (!startsWith(buf, start, REQUEST_LINE)) {
                    out.write(NOT_FOUND);
                } else {
                    boolean stream = indexOf(buf, bodyStart, bodyStart + length, STREAM_TRUE) >= 0;
                    out.write(stream ? Canned.STREAM : Canned.CHAT);
                }
                start = bodyStart + length;
                if (start == end) {
                    start = 0;
                    end = 0;
                }
            }
        } catch (SocketException e) {
            // the client (or close()) ended the connection
        } catch (IOException e) {
            if (!closed) System.err.println("fake server: " + e);
        } finally {
            connections.remove(s);
            long b = threadBytes(Thread.currentThread().getId());
            if (b > 0) finishedThreadBytes.addAndGet(b);
            threads.remove(Thread.currentThread());
        }
    }

    private static long threadBytes(long id) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx) {
            return mx.getThreadAllocatedBytes(id);
        }
        return -1;
    }

    private static int contentLength(byte[] buf, int from, int to) {
        int at = indexOfIgnoreCase(buf, from, to, CONTENT_LENGTH);
        if (at < 0) return 0;
        int i = at + CONTENT_LENGTH.length;
        while (i < to && buf[i] == ' ') i++;
        int n = 0;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') n = n * 10 + (buf[i++] - '0');
        return n;
    }

    private static boolean startsWith(byte[] buf, int from, byte[] prefix) {
        if (from + prefix.length > buf.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) return false;
        }
        return true;
    }

    private static int indexOf(byte[] buf, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static int indexOfIgnoreCase(byte[] buf, int from, int to, byte[] lowerNeedle) {
        outer:
        for (int i = from; i <= to - lowerNeedle.length; i++) {
            for (int j = 0; j < lowerNeedle.length; j++) {
                byte b = buf[i + j];
                if (b >= 'A' && b <= 'Z') b = (byte) (b + 32);
                if (b != lowerNeedle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
