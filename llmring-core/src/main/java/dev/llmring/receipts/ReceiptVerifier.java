package dev.llmring.receipts;

import dev.llmring.internal.http.BoundedHttp;
import dev.llmring.internal.receipts.Base64Url;
import dev.llmring.internal.receipts.Ed25519;
import dev.llmring.internal.receipts.ServerHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks receipts' Ed25519 signatures locally.
 *
 * <pre>{@code
 * ReceiptVerifier verifier = ReceiptVerifier.builder()
 *         .keys(ReceiptKeySet.load(Path.of("receipt-keys.json")))   // pinned: never fetches
 *         .build();
 * VerificationResult result = verifier.verify(Receipt.parse(json));
 * }</pre>
 *
 * <p>The check, in order: the signature is {@code ed25519:} followed by strict base64url of exactly 64 bytes with a
 * canonical scalar; the key is the receipt's {@code key_id} (or the set's current key when the receipt names none)
 * and is in the key set; the signature verifies over the UTF-8 of the receipt's
 * {@linkplain Receipt#signedContent() canonical content}. Needs BouncyCastle at run time (see the package
 * documentation). Thread-safe; build once and reuse.
 */
public final class ReceiptVerifier {
    private static final String PREFIX = "ed25519:";

    private final KeySource keys;

    private ReceiptVerifier(KeySource keys) {
        this.keys = keys;
    }

    /** {@return a builder with no keys; give it pinned keys or a server} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A verifier over a fixed key set that never touches the network.
     *
     * @param keys the trusted keys
     * @return the verifier
     */
    public static ReceiptVerifier pinned(ReceiptKeySet keys) {
        return builder().keys(keys).build();
    }

    /**
     * Checks a receipt.
     *
     * @param receipt a parsed receipt
     * @return valid, or the reason it is not
     * @throws ReceiptVerificationException only when the receipt could not be checked at all:
     *     {@link VerificationFailure#KEYS_UNAVAILABLE} (fetching keys failed) or
     *     {@link VerificationFailure#CRYPTO_PROVIDER_MISSING} (no BouncyCastle)
     */
    public VerificationResult verify(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        String signature = receipt.signature();
        if (!signature.startsWith(PREFIX)) {
            int colon = signature.indexOf(':');
            return colon > 0
                    ? VerificationResult.invalid(
                            VerificationFailure.UNSUPPORTED_ALGORITHM,
                            "signature algorithm \"" + signature.substring(0, colon) + "\" is not ed25519",
                            null)
                    : VerificationResult.invalid(
                            VerificationFailure.MALFORMED_SIGNATURE,
                            "signature is not of the form ed25519:<base64url>",
                            null);
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64Url.decode(signature.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return VerificationResult.invalid(
                    VerificationFailure.MALFORMED_SIGNATURE, "signature " + e.getMessage(), null);
        }
        if (signatureBytes.length != Ed25519.SIGNATURE_LENGTH) {
            return VerificationResult.invalid(
                    VerificationFailure.MALFORMED_SIGNATURE,
                    "an Ed25519 signature is " + Ed25519.SIGNATURE_LENGTH + " bytes, this one is "
                            + signatureBytes.length,
                    null);
        }

        ReceiptKeySet set = keys.current();
        String keyId = receipt.keyId().or(set::currentKeyId).orElse(null);
        if (keyId == null) {
            return VerificationResult.invalid(
                    VerificationFailure.UNKNOWN_KEY_ID,
                    "the receipt names no key_id and the key set has no current key",
                    null);
        }
        if (!set.contains(keyId)) {
            set = keys.afterUnknownKeyId();
            if (!set.contains(keyId)) {
                return VerificationResult.invalid(
                        VerificationFailure.UNKNOWN_KEY_ID,
                        "key id \"" + keyId + "\" is not in the key set " + set.keyIds(),
                        keyId);
            }
        }
        byte[] publicKey = set.publicKey(keyId).orElse(null);
        if (publicKey == null) {
            return VerificationResult.invalid(
                    VerificationFailure.UNSUPPORTED_ALGORITHM,
                    "key \"" + keyId + "\" is " + set.algorithm(keyId).orElse("?") + ", not Ed25519",
                    keyId);
        }
        boolean ok;
        try {
            ok = Ed25519.verify(publicKey, receipt.signedBytes(), signatureBytes);
        } catch (IllegalArgumentException e) {
            return VerificationResult.invalid(VerificationFailure.MALFORMED_SIGNATURE, e.getMessage(), keyId);
        }
        return ok
                ? VerificationResult.valid(keyId)
                : VerificationResult.invalid(
                        VerificationFailure.SIGNATURE_MISMATCH,
                        "signature does not match receipt " + receipt.receiptId() + " under key " + keyId,
                        keyId);
    }

    /**
     * Parses and checks a receipt; a receipt that cannot be parsed is a result with
     * {@link VerificationFailure#MALFORMED_RECEIPT}.
     *
     * @param receiptJson the receipt's JSON object as the server sent it
     * @return valid, or the reason it is not
     * @throws ReceiptVerificationException as {@link #verify(Receipt)}
     */
    public VerificationResult verify(String receiptJson) {
        Objects.requireNonNull(receiptJson, "receiptJson");
        Receipt receipt;
        try {
            receipt = Receipt.parse(receiptJson);
        } catch (ReceiptVerificationException e) {
            return VerificationResult.invalid(e.reason(), e.getMessage(), null);
        }
        return verify(receipt);
    }

    /**
     * Checks a receipt and returns it when it is genuine.
     *
     * @param receipt a parsed receipt
     * @return the same receipt
     * @throws ReceiptVerificationException with the reason, whatever it is
     */
    public Receipt verifyOrThrow(Receipt receipt) {
        verify(receipt).orThrow();
        return receipt;
    }

    /**
     * Parses and checks a receipt, and returns it when it is genuine.
     *
     * @param receiptJson the receipt's JSON object as the server sent it
     * @return the parsed receipt
     * @throws ReceiptVerificationException with the reason, whatever it is (including a malformed receipt)
     */
    public Receipt verifyOrThrow(String receiptJson) {
        return verifyOrThrow(Receipt.parse(receiptJson));
    }

    /**
     * The key set in use now (fetching it if the verifier fetches and its copy has expired).
     *
     * @return the key set
     * @throws ReceiptVerificationException with {@link VerificationFailure#KEYS_UNAVAILABLE} if it cannot be fetched
     */
    public ReceiptKeySet keys() {
        return keys.current();
    }

    /**
     * Configures a verifier: either pinned keys ({@link #keys}) or keys fetched from a server
     * ({@link #keysFromServer}), not both.
     */
    public static final class Builder {
        private @Nullable ReceiptKeySet pinned;
        private @Nullable URI serverUrl;
        private Duration keyCacheTtl = Duration.ofHours(1);
        private Duration minRefresh = Duration.ofMinutes(1);
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private boolean allowLoopbackHttp;
        private @Nullable HttpClient httpClient;

        private Builder() {}

        /**
         * Pins the key set: the verifier never fetches.
         *
         * @param keys the trusted keys
         * @return this builder
         * @throws IllegalStateException if keys are already fetched from a server
         */
        public Builder keys(ReceiptKeySet keys) {
            Objects.requireNonNull(keys, "keys");
            if (serverUrl != null) {
                throw new IllegalStateException(
                        "keys are already fetched from " + serverUrl + "; pin or fetch, not both");
            }
            this.pinned = keys;
            return this;
        }

        /**
         * Fetches keys from {@code {serverUrl}/api/v1/receipts/public-keys.json} (HTTPS, no redirects, 64 KiB at
         * most) and keeps them for {@link #keyCacheTtl}.
         *
         * @param serverUrl the LLMRing server's base URL, {@code https://…}
         * @return this builder
         * @throws IllegalArgumentException if the URL is not https
         * @throws IllegalStateException if keys are already pinned
         */
        public Builder keysFromServer(URI serverUrl) {
            Objects.requireNonNull(serverUrl, "serverUrl");
            if (pinned != null) {
                throw new IllegalStateException("keys are already pinned (" + pinned + "); pin or fetch, not both");
            }
            this.serverUrl = ServerHttp.checkBaseUrl(serverUrl, allowLoopbackHttp);
            return this;
        }

        /**
         * How long fetched keys are trusted before they are fetched again; default one hour.
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
         * The bound on one key fetch (connecting, headers and body); default 10 seconds.
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
         * The clock for the key cache; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test-only: accept {@code http://127.0.0.1:port} as the server URL. Not public on purpose. */
        Builder allowLoopbackHttpForTests() {
            this.allowLoopbackHttp = true;
            return this;
        }

        /** Shares the server client's HTTP client. */
        Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * Builds the verifier; keys are fetched when first needed, not now.
         *
         * @return the verifier
         * @throws IllegalStateException if neither pinned keys nor a server were given
         */
        public ReceiptVerifier build() {
            if (pinned != null) {
                return new ReceiptVerifier(KeySource.pinned(pinned));
            }
            if (serverUrl == null) {
                throw new IllegalStateException("a verifier needs keys: call keys(...) or keysFromServer(...)");
            }
            HttpClient client = httpClient != null ? httpClient : BoundedHttp.newClient(timeout);
            ServerHttp http = new ServerHttp(client, timeout, null);
            return new ReceiptVerifier(new FetchedKeySource(serverUrl, http, keyCacheTtl, minRefresh, clock));
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
