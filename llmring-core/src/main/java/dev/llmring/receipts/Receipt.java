package dev.llmring.receipts;

import dev.llmring.internal.receipts.JsonTree;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A signed receipt as the server issued it: what one call (or, for a batch receipt, a set of logged calls) used and
 * cost, under which alias, profile and lockfile.
 *
 * <p>The receipt keeps the JSON object it was parsed from. What was signed is the RFC 8785 (JCS) canonical form of
 * <em>every</em> member of that object except {@code signature}, including members this class has no accessor for:
 * a field added by a newer server is covered by the signature too, and a field added by anyone else breaks it.
 * Numbers are kept as their exact literals ({@link #totalCost()} of {@code 0.000123} is exactly that), and the
 * timestamp as its exact text ({@link #timestampText()}), so nothing is re-spelled between signer and verifier.
 *
 * <p>Parsing checks shape, not signature: use a {@link ReceiptVerifier} to know whether a receipt is genuine.
 * Immutable and thread-safe.
 */
public final class Receipt {
    private final Map<String, @Nullable Object> json;
    private final String signedContent;
    private final String signature;
    private final OffsetDateTime timestamp;

    private Receipt(Map<String, @Nullable Object> json) {
        this.json = json;
        this.signature = requireString("signature");
        this.timestamp = parseTimestamp(requireString("timestamp"));
        for (String name : List.of("receipt_id", "alias", "profile", "lock_digest", "provider", "model")) {
            requireString(name);
        }
        for (String name : List.of("prompt_tokens", "completion_tokens", "total_tokens")) {
            requireCount(name);
        }
        for (String name : List.of("input_cost", "output_cost", "total_cost")) {
            requireNumber(name);
        }
        optional("receipt_type", String.class);
        optional("batch_summary", Map.class);
        optional("description", String.class);
        optional("key_id", String.class);
        List<?> tags = optional("tags", List.class);
        if (tags != null && !tags.stream().allMatch(t -> t instanceof String)) {
            throw malformed("tags must be a list of strings");
        }
        Map<String, @Nullable Object> unsigned = new LinkedHashMap<>(json);
        unsigned.remove("signature");
        try {
            this.signedContent = JsonTree.canonicalize(unsigned);
        } catch (IllegalArgumentException e) {
            throw malformed("cannot be canonicalised: " + e.getMessage());
        }
    }

    /**
     * Parses a receipt from its JSON object.
     *
     * @param json the receipt as the server sent it
     * @return the receipt (not yet verified)
     * @throws ReceiptVerificationException with {@link VerificationFailure#MALFORMED_RECEIPT} if the text is not one
     *     JSON object, has a duplicate member name, or lacks a field (or has one of the wrong type); required are
     *     {@code receipt_id}, {@code timestamp} (RFC 3339 with an offset), {@code alias}, {@code profile},
     *     {@code lock_digest}, {@code provider}, {@code model}, the three token counts, the three costs and
     *     {@code signature}
     */
    public static Receipt parse(String json) {
        Objects.requireNonNull(json, "json");
        Map<String, @Nullable Object> tree;
        try {
            tree = JsonTree.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new ReceiptVerificationException(
                    VerificationFailure.MALFORMED_RECEIPT, "Receipt is not a JSON object: " + e.getMessage());
        }
        return new Receipt(tree);
    }

    /** A receipt from an already parsed {@link JsonTree} object (the server client's responses). */
    static Receipt fromTree(Object tree) {
        if (!(tree instanceof Map)) {
            throw new ReceiptVerificationException(
                    VerificationFailure.MALFORMED_RECEIPT, "Receipt is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) tree;
        return new Receipt(map);
    }

    /** {@return the receipt's id as the server assigned it ({@code receipt_id})} */
    public String receiptId() {
        return (String) get("receipt_id");
    }

    /** {@return when the receipt was issued, with the offset it was written with} */
    public OffsetDateTime timestamp() {
        return timestamp;
    }

    /** {@return the timestamp exactly as it was signed} */
    public String timestampText() {
        return (String) get("timestamp");
    }

    /** {@return the lockfile alias the call was made through} */
    public String alias() {
        return (String) get("alias");
    }

    /** {@return the lockfile profile the alias was resolved in} */
    public String profile() {
        return (String) get("profile");
    }

    /** {@return the digest of the lockfile the call was made under (may be empty when the server did not know it)} */
    public String lockDigest() {
        return (String) get("lock_digest");
    }

    /** {@return the provider that served the call, e.g. {@code anthropic}} */
    public String provider() {
        return (String) get("provider");
    }

    /** {@return the model that served the call, as the provider names it} */
    public String model() {
        return (String) get("model");
    }

    /** {@return the input (prompt) tokens the call used} */
    public long promptTokens() {
        return count("prompt_tokens");
    }

    /** {@return the output (completion) tokens the call used} */
    public long completionTokens() {
        return count("completion_tokens");
    }

    /** {@return the total tokens as written in the receipt} */
    public long totalTokens() {
        return count("total_tokens");
    }

    /** {@return the input cost in USD, exactly as written in the receipt} */
    public BigDecimal inputCost() {
        return (BigDecimal) get("input_cost");
    }

    /** {@return the output cost in USD, exactly as written in the receipt} */
    public BigDecimal outputCost() {
        return (BigDecimal) get("output_cost");
    }

    /** {@return the total cost in USD, exactly as written in the receipt} */
    public BigDecimal totalCost() {
        return (BigDecimal) get("total_cost");
    }

    /** {@return {@code single} or {@code batch} when the server says; other values are passed through as they are} */
    public Optional<String> receiptType() {
        return Optional.ofNullable((String) json.get("receipt_type"));
    }

    /** {@return whether {@link #receiptType()} is {@code batch}} */
    public boolean isBatch() {
        return "batch".equals(json.get("receipt_type"));
    }

    /** {@return the batch summary object (totals, breakdowns, certified log ids) as canonical JSON, when present} */
    public Optional<String> batchSummaryJson() {
        Object summary = json.get("batch_summary");
        return summary == null ? Optional.empty() : Optional.of(JsonTree.canonicalize(summary));
    }

    /** {@return the receipt's free-text description, when the server wrote one} */
    public Optional<String> description() {
        return Optional.ofNullable((String) json.get("description"));
    }

    /** {@return the tags, empty when there are none} */
    public List<String> tags() {
        Object tags = json.get("tags");
        if (tags == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object tag : (List<?>) tags) {
            out.add((String) tag);
        }
        return Collections.unmodifiableList(out);
    }

    /** {@return the id of the key that signed this receipt; absent on receipts from servers that do not write it} */
    public Optional<String> keyId() {
        return Optional.ofNullable((String) json.get("key_id"));
    }

    /** {@return the signature as written, normally {@code ed25519:<base64url>}; checked only by a verifier} */
    public String signature() {
        return signature;
    }

    /** {@return every member name of the receipt, in document order, including ones this class has no accessor for} */
    public Set<String> fieldNames() {
        return json.keySet();
    }

    /**
     * {@return the canonical JSON (RFC 8785) of every member but {@code signature}: the text whose UTF-8 was signed}
     */
    public String signedContent() {
        return signedContent;
    }

    byte[] signedBytes() {
        return signedContent.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the receipt as compact JSON with every member and each number spelled as it was parsed} */
    public String toJson() {
        return JsonTree.write(json);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Receipt r && r.signedContent.equals(signedContent) && r.signature.equals(signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signedContent, signature);
    }

    @Override
    public String toString() {
        return "Receipt[" + receiptId() + ", " + timestampText() + ", alias=" + alias() + ", " + provider() + ":"
                + model() + ", total_cost=" + totalCost().toPlainString()
                + keyId().map(k -> ", key_id=" + k).orElse("")
                + "]";
    }

    private Object get(String name) {
        return Objects.requireNonNull(json.get(name), name);
    }

    private long count(String name) {
        return ((BigDecimal) get(name)).longValueExact();
    }

    private String requireString(String name) {
        Object value = json.get(name);
        if (!(value instanceof String)) {
            throw malformed(value == null ? "missing " + name : name + " must be a string");
        }
        return (String) value;
    }

    private void requireNumber(String name) {
        if (!(json.get(name) instanceof BigDecimal)) {
            throw malformed(json.get(name) == null ? "missing " + name : name + " must be a number");
        }
    }

    private void requireCount(String name) {
        requireNumber(name);
        BigDecimal value = (BigDecimal) json.get(name);
        try {
            if (value.signum() < 0) {
                throw malformed(name + " must not be negative");
            }
            value.longValueExact();
        } catch (ArithmeticException e) {
            throw malformed(name + " must be a whole number of tokens");
        }
    }

    private <T> @Nullable T optional(String name, Class<T> type) {
        Object value = json.get(name);
        if (value != null && !type.isInstance(value)) {
            throw malformed(
                    name + " must be a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " or null");
        }
        return type.cast(value);
    }

    private static OffsetDateTime parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw malformed("timestamp must be RFC 3339 with an offset, was \"" + text + "\"");
        }
    }

    private static ReceiptVerificationException malformed(String detail) {
        return new ReceiptVerificationException(VerificationFailure.MALFORMED_RECEIPT, "Malformed receipt: " + detail);
    }
}
