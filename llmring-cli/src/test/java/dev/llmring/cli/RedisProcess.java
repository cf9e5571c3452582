package dev.llmring.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port: the Linux binary the embedded-redis jar ships, copied to a
 * temporary file and run as a child process (no Docker), as llmring-redis's tests do.
 */
final class RedisProcess implements AutoCloseable {
    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final Path binary;
    private final Process process;
    final int port;

    RedisProcess() throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        binary = Files.createTempFile("redis-server", "");
        try (InputStream in = redis.embedded.RedisServer.class.getClassLoader().getResourceAsStream(BINARY)) {
            if (in == null) throw new IOException("the embedded-redis jar has no " + BINARY);
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!binary.toFile().setExecutable(true)) throw new IOException("cannot make " + binary + " executable");
        process = new ProcessBuilder(
                        binary.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                if (s.isConnected()) return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        close();
        throw new IOException("redis-server did not start on port " + port);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(binary);
    }
}
