package dev.llmring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Not a client anyone would write: the fake server's ceiling. Each thread keeps one keep-alive socket, writes a
 * pre-encoded request and reads exactly as many bytes as the canned answer has, parsing nothing. Whatever the other
 * clients reach far below this, the server did not cap.
 */
final class SocketClient implements BenchClient {
    private final byte[] chatRequest;
    private final byte[] streamRequest;
    private final String host;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Connection> connections = ThreadLocal.withInitial(this::connect);

    private final SocketFactory sockets;

    SocketClient(URI baseUrl, @Nullable SSLContext tls) {
        this.sockets = tls == null ? SocketFactory.getDefault() : tls.getSocketFactory();
        host = baseUrl.getHost();
        port = baseUrl.getPort();
        chatRequest = request(false);
        streamRequest = request(true);
    }

    private record Connection(Socket socket, InputStream in, OutputStream out, byte[] buffer) {}

    private Connection connect() {
        try {
            Socket s = sockets.createSocket(host, port);
            s.setTcpNoDelay(true);
            open.add(s);
            return new Connection(s, s.getInputStream(), s.getOutputStream(), new byte[64 * 1024]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Answer chat() throws IOException {
        exchange(chatRequest, Canned.CHAT.length);
        return new Answer(Canned.ANSWER, Canned.PROMPT_TOKENS, Canned.COMPLETION_TOKENS);
    }

    @Override
    public Answer stream() throws IOException {
        exchange(streamRequest, Canned.STREAM.length);
        return new Answer("", Canned.PROMPT_TOKENS, Canned.CHUNKS);
    }

    private void exchange(byte[] request, int answerLength) throws IOException {
        Connection c = connections.get();
        c.out().write(request);
        int left = answerLength;
        while (left > 0) {
            int n = c.in().read(c.buffer(), 0, Math.min(left, c.buffer().length));
            if (n < 0) throw new IOException("server closed the connection");
            left -= n;
        }
    }

    private static byte[] request(boolean stream) {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM
                + "\"},{\"role\":\"user\",\"content\":\"" + USER + "\"}],\"temperature\":" + TEMPERATURE
                + ",\"max_tokens\":" + MAX_TOKENS
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer test-key-123\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }

    @Override
    public void close() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
