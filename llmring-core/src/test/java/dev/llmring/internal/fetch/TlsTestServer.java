package dev.llmring.internal.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A raw TLS server on 127.0.0.1 for the fetcher's tests, able to misbehave: each connection's request head is read
 * and recorded (with the SNI name the client sent), then the handler writes whatever bytes it likes.
 */
final class TlsTestServer implements AutoCloseable {
    /** Writes the response for one connection (the request head has been read already, for TLS). */
    @FunctionalInterface
    interface Handler {
        void respond(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> sniNames = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private TlsTestServer(ServerSocket server, boolean tls, Handler handler) {
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(tls, handler), "tls-test-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** A TLS server presenting {@code context}'s certificate. */
    static TlsTestServer start(SSLContext context, Handler handler) throws IOException {
        SSLServerSocket socket = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new TlsTestServer(socket, true, handler);
    }

    /** A plain TCP server whose handler speaks first (to misbehave below TLS). */
    static TlsTestServer startPlain(Handler handler) throws IOException {
        return new TlsTestServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false, handler);
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "https://" + TestCertificates.IMAGES_HOST + ":" + port() + path;
    }

    List<String> requests() {
        return requests;
    }

    List<String> sniNames() {
        return sniNames;
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop(boolean tls, Handler handler) {
        while (!closed) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                socket.setSoTimeout(10_000);
                if (tls) {
                    SSLSocket ssl = (SSLSocket) socket;
                    ssl.startHandshake();
                    for (SNIServerName name : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
                        if (name instanceof SNIHostName host) sniNames.add(host.getAsciiName());
                    }
                    requests.add(readHead(socket.getInputStream()));
                }
                handler.respond(socket);
                socket.getOutputStream().flush();
            } catch (Exception e) {
                // the client hung up or refused the handshake; that is what many tests want
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 65_536 && !head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
