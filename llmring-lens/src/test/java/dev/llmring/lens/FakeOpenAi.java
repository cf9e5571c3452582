package dev.llmring.lens;

import dev.llmring.LlmRing;
import dev.llmring.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI Chat Completions streaming server on loopback (127.0.0.1, raw sockets). Each answer starts at once with
 * a chunk that carries the assistant role and a usage report (as servers with continuous usage stats, vLLM's, send
 * it): an event, not a token. Its first token comes
 * {@code firstToken} after the request arrived, then one token every {@code gap}, on absolute deadlines so that
 * delays do not add up; then the finish chunk, the usage chunk (as with {@code include_usage}) and {@code [DONE]}.
 * Every answer has its own request id ({@code x-request-id: req_N}), and what the server actually did for it is kept
 * in {@link #served}: when the request arrived and when each event was written, read on {@link System#nanoTime()}
 * just before the write (the client cannot have the bytes any earlier). A model named {@code broken} gets a 500.
 * {@link #stallOnRequest} freezes the whole server for a while when the n-th request arrives: every answer waits
 * until the stall is over.
 */
final class FakeOpenAi implements AutoCloseable {
    private final ServerSocket socket;
    private final Duration firstToken;
    private final Duration gap;
    private final int tokens;
    final AtomicInteger requests = new AtomicInteger();
    private volatile int stallOn = -1;
    private volatile long stallNanos;
    private volatile long stalledUntil;

    /**
     * What the server did for one answer, on System.nanoTime(): when the request arrived, when the first (role and usage) chunk and each
     * token chunk were written, and when each token was due (its write is late by as long as this machine took to
     * wake the server's thread up).
     */
    record Served(long arrived, long firstEvent, long[] tokens, long[] due) {}

    private volatile @Nullable AtomicLong virtual;
    private volatile @Nullable AtomicLong reads;

    /** By request id, every answer served in full. */
    final Map<String, Served> served = new ConcurrentHashMap<>();

    /** A request's body, and when its first byte arrived. */
    private record Request(String body, long arrived) {}

    FakeOpenAi(Duration firstToken, Duration gap, int tokens) throws IOException {
        this.firstToken = firstToken;
        this.gap = gap;
        this.tokens = tokens;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "fake-openai");
        t.setDaemon(true);
        t.start();
    }

    /** When request {@code n} (1 first) arrives, nothing is answered for {@code stall}. */
    void stallOnRequest(int n, Duration stall) {
        this.stallNanos = stall.toNanos();
        this.stallOn = n;
    }

    /**
     * From now on the server keeps time on {@code virtual} instead of sleeping, in lock step with one client that
     * reads that clock ({@code reads} counts its readings): each token is written once {@code virtual} has been set
     * to the token's due time, and the next one only after the client read the clock (it does, on taking the token
     * from its stream). The client's readings are then exactly the injected delays, however busy the machine.
     */
    void lockStep(AtomicLong virtual, AtomicLong reads) {
        this.reads = reads;
        this.virtual = virtual;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    /** A client on this server: the openai provider, a fake key, no registry, no retries. */
    LlmRing ring() {
        return builder().build();
    }

    /** The builder of {@link #ring()}, to add to. */
    LlmRing.Builder builder() {
        return LlmRing.builder()
                .environment(Map.of("OPENAI_API_KEY", "test-key", "OPENAI_BASE_URL", base().toString())::get)
                .noRegistry()
                .retryPolicy(RetryPolicy.none());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> connection(s), "fake-openai-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Serves requests on one kept-alive connection until the client closes it. */
    private void connection(Socket s) {
        try (s) {
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Request request = readRequest(in);
                if (request == null) return;
                serve(request.body(), request.arrived(), out);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void serve(String body, long arrived, OutputStream out) throws IOException {
        int n = requests.incrementAndGet();
        if (n == stallOn) stalledUntil = arrived + stallNanos;
        long until = stalledUntil;
        long start = until - arrived > 0 ? until : arrived;
        parkUntil(start);
        if (body.contains("\"model\":\"broken\"")) {
            String error = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}";
            out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
                            + error.length() + "\r\n\r\n" + error)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        String id = "req_" + n;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                        + "x-request-id: " + id + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        long firstEvent = System.nanoTime();
        chunk(
                out,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"finish_reason\":null}],"
                        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":0,\"total_tokens\":12}}");
        long[] written = new long[tokens];
        long[] due = new long[tokens];
        AtomicLong clock = virtual;
        AtomicLong readings = reads;
        long origin = clock != null ? clock.get() : start;
        for (int i = 0; i < tokens; i++) {
            due[i] = origin + firstToken.toNanos() + i * gap.toNanos();
            long before = 0;
            if (clock != null && readings != null) {
                clock.set(due[i]);
                before = readings.get();
            } else {
                parkUntil(due[i]);
            }
            String json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"},\"finish_reason\":null}],"
                    + "\"usage\":null}";
            byte[] frame = frame("data: " + json + "\n\n");
            written[i] = System.nanoTime();
            out.write(frame);
            out.flush();
            if (readings != null && clock != null) awaitReading(readings, before);
        }
        chunk(
                out,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}");
        chunk(
                out,
                String.format(
                        Locale.ROOT,
                        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":%d,"
                                + "\"total_tokens\":%d}}",
                        tokens,
                        tokens + 12));
        write(out, "data: [DONE]\n\n");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        served.put(id, new Served(arrived, firstEvent, written, due));
    }

    private static void chunk(OutputStream out, String json) throws IOException {
        write(out, "data: " + json + "\n\n");
    }

    /** One HTTP chunk, written at once and flushed (one segment on the wire). */
    private static void write(OutputStream out, String text) throws IOException {
        out.write(frame(text));
        out.flush();
    }

    /** {@code text} as one HTTP chunk. */
    private static byte[] frame(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[size.length + bytes.length + 2];
        System.arraycopy(size, 0, frame, 0, size.length);
        System.arraycopy(bytes, 0, frame, size.length, bytes.length);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    /** Waits (bounded) until the client read the clock once more. */
    private static void awaitReading(AtomicLong readings, long before) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (readings.get() == before) {
            if (System.nanoTime() - deadline > 0) throw new IOException("the client did not read the token");
            LockSupport.parkNanos(20_000);
        }
    }

    private static void parkUntil(long at) {
        long left;
        while ((left = at - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    /** Reads the head and the Content-Length body; null when the client closed the connection. */
    private static @Nullable Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        long firstByte = 0;
        while (state < 4) {
            int b = in.read();
            if (firstByte == 0) firstByte = System.nanoTime();
            if (b < 0) return null;
            head.write(b);
            state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return new Request(new String(in.readNBytes(length), StandardCharsets.UTF_8), firstByte);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
