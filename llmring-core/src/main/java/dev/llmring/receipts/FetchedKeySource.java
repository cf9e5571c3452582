package dev.llmring.receipts;

import dev.llmring.LlmRingException;
import dev.llmring.internal.receipts.ServerHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Keys fetched from {@code {server}/api/v1/receipts/public-keys.json} and kept in memory for a TTL. When the TTL has
 * run out the set is fetched again; if that fails, verification fails with
 * {@link VerificationFailure#KEYS_UNAVAILABLE} rather than trusting an expired set. An unknown key id triggers one
 * early fetch (for a key rotated in since), at most once per {@code minRefresh}.
 */
final class FetchedKeySource implements KeySource {
    static final String PATH = "/api/v1/receipts/public-keys.json";
    static final long MAX_BYTES = 64 * 1024;

    private final URI url;
    private final ServerHttp http;
    private final Duration ttl;
    private final Duration minRefresh;
    private final Clock clock;
    private @Nullable ReceiptKeySet keys;
    private Instant fetchedAt = Instant.MIN;

    FetchedKeySource(URI serverUrl, ServerHttp http, Duration ttl, Duration minRefresh, Clock clock) {
        this.url = URI.create(serverUrl + PATH);
        this.http = http;
        this.ttl = ttl;
        this.minRefresh = minRefresh;
        this.clock = clock;
    }

    @Override
    public synchronized ReceiptKeySet current() {
        ReceiptKeySet cached = keys;
        if (cached != null && clock.instant().isBefore(fetchedAt.plus(ttl))) {
            return cached;
        }
        return fetch();
    }

    @Override
    public synchronized ReceiptKeySet afterUnknownKeyId() {
        ReceiptKeySet cached = keys;
        if (cached != null && clock.instant().isBefore(fetchedAt.plus(minRefresh))) {
            return cached;
        }
        return fetch();
    }

    private ReceiptKeySet fetch() {
        String what = "fetching receipt keys from " + url;
        ReceiptKeySet fetched;
        try {
            ServerHttp.Response response = http.get(url, MAX_BYTES);
            ServerHttp.requireSuccess(response, what);
            fetched = ReceiptKeySet.parse(response.body);
        } catch (LlmRingException e) {
            throw new ReceiptVerificationException(VerificationFailure.KEYS_UNAVAILABLE, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ReceiptVerificationException(
                    VerificationFailure.KEYS_UNAVAILABLE, what + ": not a key set: " + e.getMessage(), e);
        }
        keys = fetched;
        fetchedAt = clock.instant();
        return fetched;
    }
}
