package dev.llmring.limits.local.internal;

/**
 * Where token buckets live: in this process ({@link LocalBuckets}) or shared (Redis). Every method answers at once;
 * a shared store is asked under a short timeout.
 */
public interface TokenBuckets {

    /**
     * A bucket's shape: its capacity (the burst) and its steady refill per minute.
     *
     * @param capacity the most tokens the bucket holds
     * @param perMinute the tokens added per minute, steadily
     */
    record Spec(long capacity, long perMinute) {

        /**
         * This shape divided among {@code instances} processes (at least 1 each).
         *
         * @param instances how many processes share the bucket
         * @return the share of one process
         */
        public Spec dividedBy(int instances) {
            return instances <= 1
                    ? this
                    : new Spec(Math.max(1, capacity / instances), Math.max(1, perMinute / instances));
        }
    }

    /**
     * Takes {@code n} tokens from bucket {@code key} if it holds them.
     *
     * @param key the bucket, such as {@code binding:openai:gpt-4o/requests}
     * @param spec its shape (used when the bucket is made)
     * @param n the tokens to take
     * @return 0 when taken, else the nanoseconds until it could hold them ({@link Long#MAX_VALUE}: never)
     */
    long tryTake(String key, Spec spec, long n);

    /**
     * Puts back {@code n} tokens (never above the capacity).
     *
     * @param key the bucket
     * @param spec its shape
     * @param n the tokens to put back
     */
    void give(String key, Spec spec, long n);

    /**
     * Takes {@code n} tokens even if the bucket goes into debt (usage above the estimate).
     *
     * @param key the bucket
     * @param spec its shape
     * @param n the tokens to take
     */
    void force(String key, Spec spec, long n);

    /**
     * The tokens the bucket holds now.
     *
     * @param key the bucket
     * @param spec its shape
     * @return the tokens it holds (negative while in debt)
     */
    long available(String key, Spec spec);
}
