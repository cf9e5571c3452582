package dev.llmring;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Provider-opaque reasoning state of an assistant turn: a thinking block with its signature, or a redacted block
 * whose data only the provider can read. Reasoning models need this state back, unchanged, with the assistant turn
 * it came from (Anthropic refuses a tool-use turn with extended thinking that lost its {@code thinking} blocks).
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

    private ReasoningPart(
            String provider,
            String text,
            @Nullable String signature,
            @Nullable String redactedData,
            @Nullable String toolCallId) {
        this.provider = requireNonBlank(provider, "provider");
        this.text = Objects.requireNonNull(text, "text");
        this.signature = signature;
        this.redactedData = redactedData;
        this.toolCallId = toolCallId;
    }

    /**
     * A thinking block: the reasoning text (possibly a summary, possibly empty) and the provider's opaque signature.
     *
     * @param provider the provider that produced it, e.g. {@code anthropic}
     * @param text the reasoning text as the provider sent it
     * @param signature the opaque signature, or {@code null} when the provider sent none
     * @return the thinking part
     * @throws IllegalArgumentException when {@code provider} is blank
     */
    public static ReasoningPart thinking(String provider, String text, @Nullable String signature) {
        return new ReasoningPart(provider, text, signature, null, null);
    }

    /**
     * A signature that travels with one tool call of the same assistant turn (Gemini's {@code thoughtSignature} on a
     * {@code functionCall} part).
     *
     * @param provider the provider that produced it, e.g. {@code google}
     * @param toolCallId the {@link ToolCall#id()} of the call the signature came with
     * @param signature the opaque signature
     * @return the tool-call signature part
     * @throws IllegalArgumentException when an argument is blank
     */
    public static ReasoningPart toolCallSignature(String provider, String toolCallId, String signature) {
        return new ReasoningPart(
                provider, "", requireNonBlank(signature, "signature"), null, requireNonBlank(toolCallId, "toolCallId"));
    }

    /**
     * A redacted block: reasoning the provider encrypted, readable only by the provider.
     *
     * @param provider the provider that produced it, e.g. {@code anthropic}
     * @param data the opaque data as the provider sent it
     * @return the redacted part
     * @throws IllegalArgumentException when {@code provider} or {@code data} is blank
     */
    public static ReasoningPart redacted(String provider, String data) {
        return new ReasoningPart(provider, "", null, requireNonBlank(data, "data"), null);
    }

    /** {@return the provider that produced this part, e.g. {@code anthropic}} */
    public String provider() {
        return provider;
    }

    /** {@return the reasoning text; empty for a redacted part and when the provider sent only a signature} */
    public String text() {
        return text;
    }

    /** {@return the provider's opaque signature over the reasoning, when it sent one} */
    public Optional<String> signature() {
        return Optional.ofNullable(signature);
    }

    /** {@return the opaque data of a redacted part; empty for a thinking part} */
    public Optional<String> redactedData() {
        return Optional.ofNullable(redactedData);
    }

    /**
     * {@return the id of the tool call a {@linkplain #toolCallSignature tool-call signature} travels with; empty for
     * other parts}
     */
    public Optional<String> toolCallId() {
        return Optional.ofNullable(toolCallId);
    }

    /** {@return whether this is a redacted part (see {@link #redactedData()})} */
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
                && Objects.equals(p.toolCallId, toolCallId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, text, signature, redactedData, toolCallId);
    }

    /** Names the provider and the shape, never the reasoning, signature or data. */
    @Override
    public String toString() {
        return "ReasoningPart[" + provider + ", "
                + (isRedacted() ? "redacted" : text.length() + " chars" + (signature == null ? "" : ", signed"))
                + (toolCallId == null ? "" : ", with " + toolCallId) + "]";
    }

    private static String requireNonBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return value;
    }
}
