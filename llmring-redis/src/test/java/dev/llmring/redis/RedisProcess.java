package dev.llmring.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port: the Linux binary the embedded-redis jar ships, copied to a
 * temporary file and run as a child process (no Docker). {@link #kill()} ends it at once, like a crash.
 */
final class RedisProcess implements AutoCloseable {
    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final Path binary;
    final int port;
    private final @org.jspecify.annotations.Nullable Path dataDir;
    private Process process;

    RedisProcess() throws IOException, InterruptedException {
        this(freePort(), false);
    }

    /**
     * A Redis that keeps its data across {@link #kill()} and {@link #start()} (an append-only file synced on every
     * write), when {@code persistent}.
     */
    RedisProcess(boolean persistent) throws IOException, InterruptedException {
        this(freePort(), persistent);
    }

    RedisProcess(int port, boolean persistent) throws IOException, InterruptedException {
        this.port = port;
        this.dataDir = persistent ? Files.createTempDirectory("redis-data") : null;
        this.binary = Files.createTempFile("redis-server", "");
        try (InputStream in = redis.embedded.RedisServer.class.getClassLoader().getResourceAsStream(BINARY)) {
            if (in == null) throw new IOException("the embedded-redis jar has no " + BINARY);
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!binary.toFile().setExecutable(true)) throw new IOException("cannot make " + binary + " executable");
        start();
    }

    void start() throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", ""));
        if (dataDir == null) {
            command.addAll(java.util.List.of("--appendonly", "no"));
        } else {
            command.addAll(
                    java.util.List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", dataDir.toString()));
        }
        process = new ProcessBuilder(command)
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
        throw new IOException("redis-server did not start on port " + port);
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        kill();
        Files.deleteIfExists(binary);
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }
}
