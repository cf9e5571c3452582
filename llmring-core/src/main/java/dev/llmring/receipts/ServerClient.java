package dev.llmring.receipts;

import dev.llmring.LlmRingException;
import dev.llmring.internal.http.BoundedHttp;
import dev.llmring.internal.receipts.JsonTree;
import dev.llmring.internal.receipts.RateLimitedWarning;
import dev.llmring.internal.receipts.ServerHttp;
import dev.llmring.internal.receipts.UsageLogQueue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional client of an llmring server: usage logging in the background, receipts fetched from the server and
 * checked locally with the server's published keys. Off unless configured: build one with {@link #builder()}, or
 * from {@code LLMRING_SERVER_URL} and {@code LLMRING_API_KEY} with {@link #fromEnvironment}.
 *
 * <p><b>Usage logging</b> ({@link #logUsage}) never blocks and never fails the caller: records go to a bounded queue
 * that one background thread posts to {@code POST /api/v1/log}. When the server is slow or down, records are dropped
 * and counted ({@link #droppedUsageLogs()}) with at most one SLF4J warning a minute. Only the fields of
 * {@link UsageRecord} are sent: never prompts or answers. {@link #close()} flushes the queue, waiting at most the
 * close timeout.
 *
 * <p><b>Traffic</b>: HTTPS only, redirects never followed, every exchange bounded in time and size, the API key sent
 * in one header ({@code X-API-Key}, which llmring-server reads) and never logged.
 *
 * <p>Thread-safe. Must be closed.
 */
public final class ServerClient implements AutoCloseable {
    /** Environment variable naming the server's base URL. */
    public static final String SERVER_URL_ENV = "LLMRING_SERVER_URL";
    /** Environment variable holding the server API key. */
    public static final String API_KEY_ENV = "LLMRING_API_KEY";

    private static final Logger LOG = LoggerFactory.getLogger(ServerClient.class);
    private static final long MAX_LOG_RESPONSE = 16 * 1024;
    private static final long MAX_RECEIPTS_RESPONSE = 8 * 1024 * 1024;

    private final URI serverUrl;
    private final ServerHttp http;
    private final UsageLogQueue<UsageRecord> queue;
    private final ReceiptVerifier verifier;

    private ServerClient(Builder b, URI serverUrl, String apiKey) {
        this.serverUrl = serverUrl;
        HttpClient client = BoundedHttp.newClient(b.timeout);
        this.http = new ServerHttp(client, b.timeout, apiKey);
        ReceiptVerifier.Builder verifierBuilder = ReceiptVerifier.builder()
                .httpClient(client)
                .timeout(b.timeout)
                .keyCacheTtl(b.keyCacheTtl)
                .clock(b.clock);
        if (b.allowLoopbackHttp) {
            verifierBuilder.allowLoopbackHttpForTests();
        }
        this.verifier = b.pinnedKeys != null
                ? verifierBuilder.keys(b.pinnedKeys).build()
                : verifierBuilder.keysFromServer(serverUrl).build();
        URI logUri = URI.create(serverUrl + "/api/v1/log");
        RateLimitedWarning warning = new RateLimitedWarning(b.clock, Duration.ofMinutes(1), LOG::warn);
        this.queue = new UsageLogQueue<>(
                b.queueCapacity,
                record -> {
                    ServerHttp.Response response = http.post(logUri, UsageLogPayload.encode(record), MAX_LOG_RESPONSE);
                    ServerHttp.requireSuccess(response, "POST /api/v1/log");
                },
                b.closeTimeout,
                warning,
                "llmring-usage-log");
    }

    /** {@return a builder; the server URL and API key must be set} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from {@code LLMRING_SERVER_URL} and {@code LLMRING_API_KEY}, or empty when the URL is not
     * set (the server is optional). Pass {@code System::getenv} in production.
     *
     * @param environment looks a variable up by name; returns {@code null} when it is unset
     * @return the client, started; empty when {@code LLMRING_SERVER_URL} is unset or blank
     * @throws IllegalArgumentException if the URL is set but not https, or the URL is set and the key is not
     */
    public static Optional<ServerClient> fromEnvironment(Function<String, @Nullable String> environment) {
        Objects.requireNonNull(environment, "environment");
        String url = environment.apply(SERVER_URL_ENV);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String key = environment.apply(API_KEY_ENV);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(SERVER_URL_ENV + " is set but " + API_KEY_ENV + " is not");
        }
        return Optional.of(
                builder().serverUrl(URI.create(url.trim())).apiKey(key.trim()).build());
    }

    /**
     * Queues a usage record for the server. Never blocks, never throws for server trouble.
     *
     * <p>This is the entry point for the router's listener: build a {@link UsageRecord} from the finished call and
     * hand it here.
     *
     * @param record what one finished call used
     * @return true if queued; false if dropped because the queue is full or the client is closed
     */
    public boolean logUsage(UsageRecord record) {
        return queue.offer(Objects.requireNonNull(record, "record"));
    }

    /**
     * {@return usage records that never reached the server (queue full, client closed, send failed, or left at close)}
     */
    public long droppedUsageLogs() {
        return queue.droppedCount();
    }

    /** {@return usage records the server accepted} */
    public long sentUsageLogs() {
        return queue.sentCount();
    }

    /** {@return usage records queued and not yet sent} */
    public int pendingUsageLogs() {
        return queue.pendingCount();
    }

    /**
     * {@return a verifier whose keys come from this server's {@code public-keys.json} (or the pinned keys, if
     * configured)}
     */
    public ReceiptVerifier verifier() {
        return verifier;
    }

    /**
     * Fetches one receipt ({@code GET /api/v1/receipts/{id}}). The receipt is parsed, not verified: pass it to
     * {@link #verifier()}.
     *
     * @param receiptId the receipt's id
     * @return the receipt, or empty if the server has none with this id
     * @throws LlmRingException if the server cannot be reached, times out, refuses the key or answers an error
     * @throws ReceiptVerificationException with {@link VerificationFailure#MALFORMED_RECEIPT} if the answer is not
     *     a receipt
     */
    public Optional<Receipt> fetchReceipt(String receiptId) {
        Objects.requireNonNull(receiptId, "receiptId");
        String what = "GET /api/v1/receipts/{id}";
        ServerHttp.Response response = http.get(
                URI.create(serverUrl + "/api/v1/receipts/"
                        + URLEncoder.encode(receiptId, StandardCharsets.UTF_8).replace("+", "%20")),
                MAX_RECEIPTS_RESPONSE);
        if (response.status == 404) {
            return Optional.empty();
        }
        ServerHttp.requireSuccess(response, what);
        return Optional.of(Receipt.fromTree(parse(response.body, what)));
    }

    /**
     * Lists this API key's receipts, newest first ({@code GET /api/v1/receipts/?limit=&offset=}), parsed, not
     * verified.
     *
     * @param limit the most receipts to return, 1 to 1000
     * @param offset how many of the newest receipts to skip, 0 or more
     * @return the page of receipts, unmodifiable; empty past the last one
     * @throws IllegalArgumentException unless 1 &lt;= limit &lt;= 1000 and offset &gt;= 0
     * @throws LlmRingException if the server cannot be reached, times out, refuses the key or answers an error
     * @throws ReceiptVerificationException with {@link VerificationFailure#MALFORMED_RECEIPT} if a receipt is malformed
     */
    public List<Receipt> listReceipts(int limit, int offset) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be in 1..1000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        String what = "GET /api/v1/receipts/";
        ServerHttp.Response response = http.get(
                URI.create(serverUrl + "/api/v1/receipts/?limit=" + limit + "&offset=" + offset),
                MAX_RECEIPTS_RESPONSE);
        ServerHttp.requireSuccess(response, what);
        return receipts(member(parse(response.body, what), "receipts", what));
    }

    /**
     * Asks the server to certify every logged call not yet covered by a receipt
     * ({@code POST /api/v1/receipts/generate} with {@code since_last_receipt}), and returns the signed receipt,
     * parsed, not verified.
     *
     * @param description a note stored in the receipt, or null
     * @return the new batch receipt
     * @throws LlmRingException if the server cannot be reached, times out, refuses the key or answers an error
     *     (400 when there is nothing to certify)
     * @throws ReceiptVerificationException with {@link VerificationFailure#MALFORMED_RECEIPT} if the answer holds no
     *     receipt
     */
    public Receipt generateReceiptForUncertifiedLogs(@Nullable String description) {
        String what = "POST /api/v1/receipts/generate";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since_last_receipt", Boolean.TRUE);
        if (description != null) {
            body.put("description", description);
        }
        ServerHttp.Response response = http.post(
                URI.create(serverUrl + "/api/v1/receipts/generate"), JsonTree.write(body), MAX_RECEIPTS_RESPONSE);
        ServerHttp.requireSuccess(response, what);
        return Receipt.fromTree(member(parse(response.body, what), "receipt", what));
    }

    /** {@return the server's base URL} */
    public URI serverUrl() {
        return serverUrl;
    }

    /** Flushes queued usage records (waiting at most the close timeout) and stops the background thread. */
    @Override
    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return "ServerClient[" + serverUrl + ", apiKey=***]";
    }

    private static Object parse(String body, String what) {
        try {
            return Objects.requireNonNull(JsonTree.parse(body), "null");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ReceiptVerificationException(
                    VerificationFailure.MALFORMED_RECEIPT,
                    what + ": the answer is not a JSON value: " + e.getMessage());
        }
    }

    private static Object member(Object tree, String name, String what) {
        Object value = tree instanceof Map ? ((Map<?, ?>) tree).get(name) : null;
        if (value == null) {
            throw new ReceiptVerificationException(
                    VerificationFailure.MALFORMED_RECEIPT, what + ": the answer has no \"" + name + "\"");
        }
        return value;
    }

    private static List<Receipt> receipts(Object list) {
        if (!(list instanceof List)) {
            throw new ReceiptVerificationException(VerificationFailure.MALFORMED_RECEIPT, "\"receipts\" is not a list");
        }
        List<Receipt> out = new ArrayList<>();
        for (Object element : (List<?>) list) {
            out.add(Receipt.fromTree(Objects.requireNonNull(element, "receipt")));
        }
        return Collections.unmodifiableList(out);
    }

    /** Configures a {@link ServerClient}; the server URL and API key are required. */
    public static final class Builder {
        private @Nullable URI serverUrl;
        private @Nullable String apiKey;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private Duration keyCacheTtl = Duration.ofHours(1);
        private int queueCapacity = 1000;
        private Clock clock = Clock.systemUTC();
        private @Nullable ReceiptKeySet pinnedKeys;
        private boolean allowLoopbackHttp;

        private Builder() {}

        /**
         * The server's base URL, e.g. {@code https://llmring.example.com}. Required.
         *
         * @param serverUrl the base URL
         * @return this builder
         * @throws IllegalArgumentException if it is not an https URL without query or user info
         */
        public Builder serverUrl(URI serverUrl) {
            this.serverUrl = ServerHttp.checkBaseUrl(serverUrl, allowLoopbackHttp);
            return this;
        }

        /**
         * The API key, sent as {@code X-API-Key}. Required; never logged or shown.
         *
         * @param apiKey the key
         * @return this builder
         * @throws IllegalArgumentException if blank or containing whitespace (the server refuses such keys)
         */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank() || apiKey.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("apiKey must be non-blank and contain no whitespace");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The bound on each exchange with the server (connecting, headers and body); default 10 seconds.
         *
         * @param timeout the bound
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * How long {@link ServerClient#close()} waits for queued usage records; default 5 seconds.
         *
         * @param closeTimeout the wait; zero drops what is still queued at close
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder closeTimeout(Duration closeTimeout) {
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * How many usage records may wait for the server; more are dropped. Default 1000.
         *
         * @param capacity the queue's size
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * How long the server's receipt keys are trusted before they are fetched again; default one hour.
         *
         * @param ttl the trust period
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder keyCacheTtl(Duration ttl) {
            this.keyCacheTtl = positive(ttl, "keyCacheTtl");
            return this;
        }

        /**
         * Checks receipts against these keys instead of fetching the server's: the verifier never fetches. Default:
         * fetch the server's keys.
         *
         * @param keys the trusted keys
         * @return this builder
         */
        public Builder pinnedKeys(ReceiptKeySet keys) {
            this.pinnedKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * The clock for the key cache and the warning rate limit; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test-only: accept {@code http://127.0.0.1:port}; call before {@link #serverUrl}. Not public on purpose. */
        Builder allowLoopbackHttpForTests() {
            this.allowLoopbackHttp = true;
            return this;
        }

        /**
         * Builds the client and starts its usage-log thread.
         *
         * @return the client; close it to flush queued usage records
         * @throws IllegalStateException if the server URL or API key is missing
         */
        public ServerClient build() {
            if (serverUrl == null) {
                throw new IllegalStateException("serverUrl is required");
            }
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required");
            }
            return new ServerClient(this, serverUrl, apiKey);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
