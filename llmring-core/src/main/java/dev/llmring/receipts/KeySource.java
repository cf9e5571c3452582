package dev.llmring.receipts;

/** Where a verifier gets its keys. */
interface KeySource {
    /**
     * The key set to check against now.
     *
     * @throws ReceiptVerificationException with {@link VerificationFailure#KEYS_UNAVAILABLE} if it cannot be had
     */
    ReceiptKeySet current();

    /**
     * The key set after a receipt named a key id the current set does not have: a fetching source fetches again
     * (at most once per refresh interval), a pinned one returns the same set.
     */
    ReceiptKeySet afterUnknownKeyId();

    static KeySource pinned(ReceiptKeySet keys) {
        return new KeySource() {
            @Override
            public ReceiptKeySet current() {
                return keys;
            }

            @Override
            public ReceiptKeySet afterUnknownKeyId() {
                return keys;
            }
        };
    }
}
