package dev.llmring;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a client shares with the clients derived from it by {@code toBuilder()}: the HttpClients (their connection
 * pools) and the worker threads, released when the last of them is closed. Threads are daemons: a client that is never
 * closed does not keep the JVM alive.
 *
 * <p>Two HttpClients, because what suits {@code https} does not suit plain {@code http}. The {@link #http} client
 * (every {@code https} endpoint) hands the work its selector thread finds to the worker pool, so that TLS and HTTP/2
 * frame processing never queue behind one thread. The {@link #plain} client ({@code http://} endpoints: local servers,
 * gateways, tests; always HTTP/1.1, see {@link Transport}) runs that work on the selector thread itself (a direct
 * executor): for plain HTTP/1.1 it is parsing a status line and copying bytes into a non-blocking subscriber, and
 * skipping the hand-over to a pool thread and back takes a context switch off every exchange. No code of ours
 * that runs there blocks.
 */
final class Shared {
    private static final AtomicInteger POOLS = new AtomicInteger();

    final HttpClient http;
    final HttpClient plain;
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
            return;
        }
        this.http = network.apply(HttpClient.newBuilder(), true)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.plain = network.apply(HttpClient.newBuilder(), false)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run)
                .build();
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
     * HttpClients (their selector threads and pooled connections; see {@link HttpClientShutdown}), unless they are the
     * application's own ({@code LlmRing.Builder#httpClient}), which are left running.
     */
    void release() {
        if (references.decrementAndGet() == 0) {
            if (network.client() == null) {
                HttpClientShutdown.shutdownNow(http);
                HttpClientShutdown.shutdownNow(plain);
            }
            executor.shutdownNow();
            timer.stop();
        }
    }
}
