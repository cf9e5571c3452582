package dev.llmring;

import dev.llmring.internal.http.HttpClientShutdown;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a client shares with the clients derived from it by {@code toBuilder()}: the HttpClients (their connection
 * pools) and the worker threads, released when the last of them is closed. Threads are daemons: a client that is never
 * closed does not keep the JVM alive.
 *
 * <p>Both HttpClients speak HTTP/1.1 and run the work their selector thread finds on that thread itself (a direct
 * executor): reading a status line and headers, unwrapping TLS records, copying bytes into a non-blocking subscriber
 * of ours ({@link BodyCollector}, {@link StreamSubscriber}). No code of ours that runs there blocks, and skipping the
 * hand-over to a pool thread and back takes a context switch off every exchange. HTTP/1.1 for {@code https} too,
 * although every hosted provider offers HTTP/2: the JDK client's HTTP/2 path costs more per call even where the
 * server never negotiates it (measured, docs/performance.md), and over one multiplexed connection a stream whose
 * reader stalls holds back the connection's flow-control window for every other call on it, where one connection
 * per exchange keeps each call's failures and back-pressure its own. An application that wants HTTP/2 passes its
 * own HttpClient ({@code LlmRing.Builder#httpClient}).
 *
 * <p>Two HttpClients, not one, because building a client for {@code https} loads the JDK's TLS context and trust
 * store: the {@link #http} client serves every {@code https} endpoint (with the builder's TLS context), the
 * {@link #plain} one every {@code http://} endpoint (local servers, gateways, tests).
 *
 * <p>Each HttpClient is built when the first exchange needs it, not with the client: an application that speaks only
 * {@code https} (every hosted provider) builds one HttpClient, one selector thread and one TLS context, and one that
 * speaks only to a local {@code http://} server builds just the plain one. Building both up front cost every client
 * a second selector thread, and the first call the classes and heap of a client it never used.
 */
final class Shared {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private volatile @Nullable HttpClient http;
    private volatile @Nullable HttpClient plain;
    private volatile boolean released;
    final ExchangeTimer timer = new ExchangeTimer();
    final ExecutorService executor;
    final Duration connectTimeout;
    final Network network;
    final AtomicLong callIds = new AtomicLong();
    private final AtomicInteger references = new AtomicInteger(1);

    Shared(Duration connectTimeout, Network network) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "llmring-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.connectTimeout = connectTimeout;
        this.network = network;
        HttpClient own = network.client();
        if (own != null) { // the application's client, as it is, for every URL
            this.http = own;
            this.plain = own;
        }
    }

    /** The client for {@code https} URLs, built on first use. */
    HttpClient http() {
        HttpClient c = http;
        return c != null ? c : build(true);
    }

    /** The client for plain {@code http} URLs, built on first use. */
    HttpClient plain() {
        HttpClient c = plain;
        return c != null ? c : build(false);
    }

    private synchronized HttpClient build(boolean tls) {
        HttpClient c = tls ? http : plain;
        if (c == null) {
            c = network.apply(HttpClient.newBuilder(), tls)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Runnable::run)
                    .build();
            if (tls) http = c;
            else plain = c;
            if (released) HttpClientShutdown.shutdownNow(c);
        }
        return c;
    }

    /** Whether a client built with these settings can share this one's HttpClients. */
    boolean fits(Duration connectTimeout, Network network) {
        return this.connectTimeout.equals(connectTimeout) && this.network.equals(network);
    }

    /** Takes one more reference; false when already released (build a new one then). */
    boolean retain() {
        int n;
        do {
            n = references.get();
            if (n == 0) return false;
        } while (!references.compareAndSet(n, n + 1));
        return true;
    }

    /**
     * Drops one reference; the last one stops the threads (the workers and the exchange timer) and, on Java 21+, the
     * HttpClients built so far (their selector threads and pooled connections; see {@link HttpClientShutdown}), unless they are the
     * application's own ({@code LlmRing.Builder#httpClient}), which are left running.
     */
    void release() {
        if (references.decrementAndGet() == 0) {
            if (network.client() == null) {
                HttpClient secure;
                HttpClient local;
                synchronized (this) {
                    released = true; // a client built after this (a call racing the close) is stopped at once
                    secure = http;
                    local = plain;
                }
                if (secure != null) HttpClientShutdown.shutdownNow(secure);
                if (local != null) HttpClientShutdown.shutdownNow(local);
            }
            executor.shutdownNow();
            timer.stop();
        }
    }
}
