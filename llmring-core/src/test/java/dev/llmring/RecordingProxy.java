package dev.llmring;

import dev.llmring.testsupport.RawLoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for an HTTP forward proxy: it records the request line of every request it is sent (a proxied
 * request names the whole target URL: {@code POST http://host:port/path HTTP/1.1}) and answers it itself with one
 * good {@link TestProvider} answer, {@code via proxy}.
 */
final class RecordingProxy implements AutoCloseable {
    static final String BODY = "[{\"text\":\"via proxy\"},{\"usage\":{\"in\":3,\"out\":5}},{\"finish\":\"stop\"}]";

    final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final RawLoopbackServer server;

    RecordingProxy() throws IOException {
        this.server = new RawLoopbackServer("proxy", this::serve);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.base().getPort());
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = RawLoopbackServer.readHead(in);
            if (head == null) return;
            requestLines.add(head.substring(0, head.indexOf("\r\n")));
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                }
            }
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to record
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
