package dev.llmring.internal.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;

/** Opens the plain TCP connection the fetcher layers TLS on. Tests swap it to prove where (and whether) it connects. */
@FunctionalInterface
public interface SocketOpener {
    /** A plain socket connected with {@link Socket#connect(java.net.SocketAddress, int)}. */
    SocketOpener PLAIN = (address, timeout) -> {
        Socket socket = new Socket(Proxy.NO_PROXY); // never a JVM-wide SOCKS proxy: connect to the checked address
        try {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    };

    /**
     * @param address a resolved address (never unresolved) that the address policy allowed
     * @param connectTimeout how long connecting may take
     * @throws IOException when no connection could be made
     */
    Socket open(InetSocketAddress address, Duration connectTimeout) throws IOException;
}
