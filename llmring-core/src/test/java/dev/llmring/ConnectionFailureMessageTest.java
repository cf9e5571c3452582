package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ConnectionFailureMessageTest extends WireMockSupport {
    /** A loopback port nothing listens on: bound, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionNamesHostPortAndWhatFailed() throws IOException {
        int port = closedPort();
        aliases.bind("chat", "a:m1");
        try (LlmRing ring = ring().retryPolicy(RetryPolicy.none())
                .baseUrl("a", URI.create("http://127.0.0.1:" + port))
                .build()) {
            ConnectionException e = assertThrows(ConnectionException.class, () -> ring.chat(request("chat")));

            assertTrue(e.getMessage().contains("connection to 127.0.0.1:" + port + " failed"), e::getMessage);
            assertTrue(e.getMessage().contains("ConnectException: could not connect"), e::getMessage);
        }
    }
}
