package dev.llmring.receipts;

import dev.llmring.internal.receipts.Base64Url;
import dev.llmring.internal.receipts.Ed25519;
import dev.llmring.internal.receipts.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The public keys receipts are checked against, by key id: several at once while keys rotate. The JSON form is the
 * server's {@code /api/v1/receipts/public-keys.json}:
 *
 * <pre>{@code
 * {"keys": [{"key_id": "k2", "public_key": "<base64url of 32 bytes>", "algorithm": "Ed25519"}],
 *  "current_key_id": "k2"}
 * }</pre>
 *
 * <p>Keys of another algorithm are kept (a receipt naming one fails with
 * {@link VerificationFailure#UNSUPPORTED_ALGORITHM}) so that a server adding a new kind of key does not break
 * verification of the old. Immutable and thread-safe.
 */
public final class ReceiptKeySet {
    static final String ED25519 = "Ed25519";

    private final Map<String, Entry> keys;
    private final @Nullable String currentKeyId;

    private ReceiptKeySet(Map<String, Entry> keys, @Nullable String currentKeyId) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.currentKeyId = currentKeyId;
        if (currentKeyId != null && !keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("current_key_id \"" + currentKeyId + "\" names no key in the set");
        }
    }

    /**
     * Parses a key set.
     *
     * @param json the key set JSON
     * @return the key set
     * @throws IllegalArgumentException if the text is not a key set: a key without {@code key_id}, a repeated key id,
     *     an Ed25519 key that is not strict base64url of exactly 32 bytes, or a {@code current_key_id} naming no key
     */
    public static ReceiptKeySet parse(String json) {
        Objects.requireNonNull(json, "json");
        Map<String, @Nullable Object> tree = JsonTree.parseObject(json);
        Object list = tree.get("keys");
        if (!(list instanceof List)) {
            throw new IllegalArgumentException("key set has no \"keys\" list");
        }
        Builder builder = builder();
        int index = 0;
        for (Object element : (List<?>) list) {
            if (!(element instanceof Map)) {
                throw new IllegalArgumentException("keys[" + index + "] is not an object");
            }
            Map<?, ?> key = (Map<?, ?>) element;
            String keyId = string(key, "key_id", index);
            String publicKey = string(key, "public_key", index);
            Object algorithm = key.get("algorithm");
            Object format = key.get("format");
            if (format != null && !"base64url".equals(format)) {
                throw new IllegalArgumentException("keys[" + index + "] has format " + format + ", not base64url");
            }
            builder.addKey(keyId, algorithm instanceof String ? (String) algorithm : ED25519, publicKey);
            index++;
        }
        Object current = tree.get("current_key_id");
        if (current != null) {
            if (!(current instanceof String)) {
                throw new IllegalArgumentException("current_key_id must be a string");
            }
            builder.currentKeyId((String) current);
        }
        return builder.build();
    }

    /**
     * Reads a key set from a file (UTF-8 JSON, same form as {@link #parse}).
     *
     * @param file the key set file
     * @return the key set
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a key set
     */
    public static ReceiptKeySet load(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the receipt key set " + file, e);
        }
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the key ids, in the order they were given} */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** {@return the key the server signs new receipts with, when the set names one} */
    public Optional<String> currentKeyId() {
        return Optional.ofNullable(currentKeyId);
    }

    /**
     * The raw 32-byte Ed25519 public key with this id.
     *
     * @param keyId the key's id
     * @return a copy of the key; empty when no key has this id or it is not an Ed25519 key
     */
    public Optional<byte[]> publicKey(String keyId) {
        Entry entry = keys.get(Objects.requireNonNull(keyId, "keyId"));
        return entry == null || !entry.isEd25519() ? Optional.empty() : Optional.of(entry.publicKey.clone());
    }

    /**
     * The algorithm of the key with this id, as the set spells it.
     *
     * @param keyId the key's id
     * @return the algorithm, e.g. {@code ed25519}; empty when no key has this id
     */
    public Optional<String> algorithm(String keyId) {
        Entry entry = keys.get(Objects.requireNonNull(keyId, "keyId"));
        return entry == null ? Optional.empty() : Optional.of(entry.algorithm);
    }

    boolean contains(String keyId) {
        return keys.containsKey(keyId);
    }

    @Override
    public String toString() {
        return "ReceiptKeySet" + keys.keySet() + (currentKeyId == null ? "" : ", current=" + currentKeyId);
    }

    private static String string(Map<?, ?> key, String name, int index) {
        Object value = key.get(name);
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new IllegalArgumentException("keys[" + index + "]." + name + " must be a non-empty string");
        }
        return (String) value;
    }

    private static final class Entry {
        final String algorithm;
        final byte[] publicKey;

        Entry(String algorithm, byte[] publicKey) {
            this.algorithm = algorithm;
            this.publicKey = publicKey;
        }

        boolean isEd25519() {
            return algorithm.toLowerCase(Locale.ROOT).equals("ed25519");
        }
    }

    /** Builds a key set from keys given in configuration. */
    public static final class Builder {
        private final Map<String, Entry> keys = new LinkedHashMap<>();
        private @Nullable String currentKeyId;

        private Builder() {}

        /**
         * Adds an Ed25519 key.
         *
         * @param keyId the id receipts name it by
         * @param publicKeyBase64Url the raw 32-byte public key in base64url (padded or not)
         * @return this builder
         * @throws IllegalArgumentException if the id is empty or taken, or the key is not strict base64url of 32 bytes
         */
        public Builder addEd25519Key(String keyId, String publicKeyBase64Url) {
            return addKey(keyId, ED25519, publicKeyBase64Url);
        }

        /**
         * Adds an Ed25519 key given as raw bytes.
         *
         * @param keyId the id receipts name it by
         * @param publicKey the raw 32-byte public key
         * @return this builder
         * @throws IllegalArgumentException if the id is empty or taken, or the key is not 32 bytes
         */
        public Builder addEd25519Key(String keyId, byte[] publicKey) {
            Objects.requireNonNull(publicKey, "publicKey");
            return addKey(keyId, ED25519, Base64Url.encode(publicKey));
        }

        Builder addKey(String keyId, String algorithm, String publicKeyText) {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(publicKeyText, "publicKey");
            if (keyId.isEmpty()) {
                throw new IllegalArgumentException("keyId must not be empty");
            }
            if (keys.containsKey(keyId)) {
                throw new IllegalArgumentException("key id \"" + keyId + "\" appears twice");
            }
            Entry entry;
            if (algorithm.toLowerCase(Locale.ROOT).equals("ed25519")) {
                byte[] bytes;
                try {
                    bytes = Base64Url.decode(publicKeyText);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key \"" + keyId + "\": " + e.getMessage(), e);
                }
                if (bytes.length != Ed25519.PUBLIC_KEY_LENGTH) {
                    throw new IllegalArgumentException("key \"" + keyId + "\": an Ed25519 public key is "
                            + Ed25519.PUBLIC_KEY_LENGTH + " bytes, not " + bytes.length);
                }
                entry = new Entry(ED25519, bytes);
            } else {
                entry = new Entry(algorithm, new byte[0]);
            }
            keys.put(keyId, entry);
            return this;
        }

        /**
         * Names the key new receipts are signed with; receipts that carry no {@code key_id} are checked with it. None
         * by default.
         *
         * @param keyId the id of a key added to this builder
         * @return this builder
         * @throws IllegalArgumentException when it is empty
         */
        public Builder currentKeyId(String keyId) {
            Objects.requireNonNull(keyId, "keyId");
            if (keyId.isEmpty()) {
                throw new IllegalArgumentException("currentKeyId must not be empty");
            }
            this.currentKeyId = keyId;
            return this;
        }

        /**
         * Builds the key set.
         *
         * @return the key set
         * @throws IllegalArgumentException if the current key id names no key
         */
        public ReceiptKeySet build() {
            return new ReceiptKeySet(keys, currentKeyId);
        }
    }
}
