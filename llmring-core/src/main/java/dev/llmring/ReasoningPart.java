package dev.llmring;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Provider-opaque state of an assistant turn: a thinking block with its signature, a redacted block whose data only
 * the provider can read, or a {@linkplain #raw raw block} llmring has no type for (an Anthropic server-tool block or
 * cited text, a Gemini code-execution or inline-data part), kept as the provider's JSON. Reasoning models need this
 * state back, unchanged, with the assistant turn it came from (Anthropic refuses a tool-use turn with extended
 * thinking that lost its {@code thinking} blocks); raw blocks are kept so that nothing the provider answered is lost.
 *
 * <p>The parts of a turn are in the order the provider sent them. A raw block of answer text (cited text, or text
 * sent before a later raw block) is also in the message's text; the adapter sends it once, in its place.
 *
 * <p>A part belongs to the {@link #provider()} that produced it: adapters send back only their own provider's parts
 * and leave the others out, so a conversation can move to another provider (failover) and stay valid. Keep parts as
 * they are; a changed signature or text makes the provider refuse the request. Immutable.
 *
 * @see Message#reasoningParts()
 * @see ChatResponse#assistantMessage()
 */
public final class ReasoningPart {
    private final String provider;
    private final String text;
    private final @Nullable String signature;
    private final @Nullable String redactedData;
    private final @Nullable String toolCallId;
    private final @Nullable String rawJson;

    private ReasoningPart(
            String provider,
            String text,
            @Nullable String signature,
            @Nullable String redactedData,
            @Nullable String toolCallId,
            @Nullable String rawJson) {
        this.provider = requireNonBlank(provider, "provider");
        this.text = Objects.requireNonNull(text, "text");
        this.signature = signature;
        this.redactedData = redactedData;
        this.toolCallId = toolCallId;
        this.rawJson = rawJson;
    }

    /**
     * A thinking block: the reasoning text (possibly a summary, possibly empty) and the provider's opaque signature.
     *
     * @param provider the provider that produced it, e.g. {@code anthropic}
     * @param text the reasoning text as the provider sent it
     * @param signature the opaque signature, or {@code null} when the provider sent none
     * @return the part
     * @throws IllegalArgumentException when {@code provider} is blank
     */
    public static ReasoningPart thinking(String provider, String text, @Nullable String signature) {
        return new ReasoningPart(provider, text, signature, null, null, null);
    }

    /**
     * A signature that travels with one tool call of the same assistant turn (Gemini's {@code thoughtSignature} on a
     * {@code functionCall} part).
     *
     * @param provider the provider that produced it, e.g. {@code google}
     * @param toolCallId the {@link ToolCall#id()} of the call the signature came with
     * @param signature the opaque signature
     * @return the part
     * @throws IllegalArgumentException when an argument is blank
     */
    public static ReasoningPart toolCallSignature(String provider, String toolCallId, String signature) {
        return new ReasoningPart(
                provider,
                "",
                requireNonBlank(signature, "signature"),
                null,
                requireNonBlank(toolCallId, "toolCallId"),
                null);
    }

    /**
     * A redacted block: reasoning the provider encrypted, readable only by the provider.
     *
     * @param provider the provider that produced it, e.g. {@code anthropic}
     * @param data the opaque data as the provider sent it
     * @return the part
     * @throws IllegalArgumentException when {@code provider} or {@code data} is blank
     */
    public static ReasoningPart redacted(String provider, String data) {
        return new ReasoningPart(provider, "", null, requireNonBlank(data, "data"), null, null);
    }

    /**
     * A block of the answer that llmring has no type for, kept as the provider's JSON (one content block or part, as
     * the provider sent it): the adapter of the same provider sends it back unchanged in its place; other adapters
     * leave it out. Read it with any JSON parser; its shape is the provider's, documented by the provider.
     *
     * @param provider the provider that produced it, e.g. {@code anthropic}
     * @param json the block as a JSON object, e.g. {@code {"type":"web_search_tool_result",...}}
     * @return the part
     * @throws IllegalArgumentException when {@code provider} is blank or {@code json} is not a JSON object's text
     */
    public static ReasoningPart raw(String provider, String json) {
        String trimmed = requireNonBlank(json, "json").strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("a raw part must be a JSON object");
        }
        return new ReasoningPart(provider, "", null, null, null, json);
    }

    /**
     * The provider that produced this part, e.g. {@code anthropic}.
     *
     * @return the provider name
     */
    public String provider() {
        return provider;
    }

    /**
     * The reasoning text; empty for a redacted part and when the provider sent only a signature.
     *
     * @return the text, never null
     */
    public String text() {
        return text;
    }

    /**
     * The provider's opaque signature over the reasoning, when it sent one.
     *
     * @return the signature, or empty
     */
    public Optional<String> signature() {
        return Optional.ofNullable(signature);
    }

    /**
     * The opaque data of a redacted part; empty for a thinking part.
     *
     * @return the data, or empty
     */
    public Optional<String> redactedData() {
        return Optional.ofNullable(redactedData);
    }

    /**
     * For a {@linkplain #toolCallSignature tool-call signature}, the id of the tool call it travels with.
     *
     * @return the tool call id, or empty
     */
    public Optional<String> toolCallId() {
        return Optional.ofNullable(toolCallId);
    }

    /**
     * The provider's JSON of a {@linkplain #raw raw block}; empty for the other kinds.
     *
     * @return the JSON object's text, as the provider sent it
     */
    public Optional<String> rawJson() {
        return Optional.ofNullable(rawJson);
    }

    /**
     * Whether this is a raw block (see {@link #rawJson()}).
     *
     * @return true for a part made by {@link #raw}
     */
    public boolean isRaw() {
        return rawJson != null;
    }

    /**
     * Whether this is a redacted part (see {@link #redactedData()}).
     *
     * @return true for a part made by {@link #redacted}
     */
    public boolean isRedacted() {
        return redactedData != null;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReasoningPart p
                && p.provider.equals(provider)
                && p.text.equals(text)
                && Objects.equals(p.signature, signature)
                && Objects.equals(p.redactedData, redactedData)
                && Objects.equals(p.toolCallId, toolCallId)
                && Objects.equals(p.rawJson, rawJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, text, signature, redactedData, toolCallId, rawJson);
    }

    /** Names the provider and the shape, never the reasoning, signature, data or raw JSON. */
    @Override
    public String toString() {
        String shape = rawJson != null
                ? "raw, " + rawJson.length() + " chars"
                : isRedacted() ? "redacted" : text.length() + " chars" + (signature == null ? "" : ", signed");
        return "ReasoningPart[" + provider + ", " + shape + (toolCallId == null ? "" : ", with " + toolCallId) + "]";
    }

    private static String requireNonBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return value;
    }
}
