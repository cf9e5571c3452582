package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.ReasoningPart;
import dev.llmring.Role;
import dev.llmring.ToolCall;
import dev.llmring.providers.internal.OwnReasoning;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.RawText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Encodes a conversation into Anthropic's top-level {@code system} and alternating {@code messages}. */
final class MessagesEncoder {
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private final EncodeContext ctx;

    MessagesEncoder(EncodeContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The {@code system} field: a string of the system texts joined by a blank line, or, when a system part carries
     * a cache hint, an array of text blocks. {@code null} when there is no system message.
     */
    @Nullable
    JsonNode system(List<Message> messages) {
        List<ContentPart.Text> parts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Message m : messages) {
            if (!m.role().equals(Role.SYSTEM)) continue;
            for (ContentPart p : m.content()) {
                if (!(p instanceof ContentPart.Text t)) {
                    throw ctx.invalid("Anthropic system prompts take text only, not " + p);
                }
                if (!t.text().isEmpty()) parts.add(t);
            }
            if (!m.text().isEmpty()) texts.add(m.text());
        }
        if (parts.isEmpty()) return null;
        if (parts.stream().noneMatch(ContentPart::cacheHint)) {
            return ProviderJson.mapper().getNodeFactory().textNode(String.join("\n\n", texts));
        }
        ArrayNode blocks = ProviderJson.mapper().createArrayNode();
        parts.forEach(p -> blocks.add(Objects.requireNonNull(part(p, true))));
        return blocks;
    }

    /** The {@code messages} array: every non-system message, consecutive turns of one wire role merged. */
    ArrayNode messages(List<Message> messages) {
        OwnReasoning.noteForeign(messages, AnthropicProviderFactory.NAME, ctx.model());
        List<Turn> turns = new ArrayList<>();
        for (Message m : messages) {
            if (m.role().equals(Role.SYSTEM)) continue;
            String role = wireRole(m.role());
            Turn turn = turns.isEmpty() || !turns.get(turns.size() - 1).role.equals(role)
                    ? null
                    : turns.get(turns.size() - 1);
            if (turn == null) {
                turn = new Turn(role);
                turns.add(turn);
            }
            if (m.role().equals(Role.TOOL)) {
                turn.toolResults.add(toolResult(m));
            } else {
                turn.blocks.addAll(blocks(m));
            }
        }
        ArrayNode out = ProviderJson.mapper().createArrayNode();
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            if (t.toolResults.isEmpty() && t.blocks.isEmpty()) {
                throw ctx.invalid("turn " + i + " (" + t.role + ") has no content Anthropic accepts"
                        + " (text blocks must not be empty)");
            }
            ArrayNode content = ProviderJson.mapper().createArrayNode();
            t.toolResults.forEach(content::add);
            t.blocks.forEach(content::add);
            ObjectNode turn = out.addObject();
            turn.put("role", t.role);
            turn.set("content", content);
        }
        return out;
    }

    private String wireRole(Role role) {
        if (role.equals(Role.USER) || role.equals(Role.TOOL)) return "user";
        if (role.equals(Role.ASSISTANT)) return "assistant";
        throw ctx.invalid("Anthropic has no message role '" + role + "'");
    }

    /**
     * A user or assistant message's blocks: (assistant) its Anthropic parts in order, as {@code thinking} and
     * {@code redacted_thinking} blocks and raw blocks unchanged, its content parts (only the text the raw text blocks
     * do not carry, see {@link RawText}), then (assistant) its tool calls.
     */
    private List<ObjectNode> blocks(Message m) {
        boolean assistant = m.role().equals(Role.ASSISTANT);
        List<ObjectNode> blocks = new ArrayList<>();
        List<ReasoningPart> own = OwnReasoning.of(m, AnthropicProviderFactory.NAME);
        String rest = RawText.remainder(m, own, MessagesEncoder::rawText);
        for (ReasoningPart r : own) {
            if (!r.isRaw()) {
                blocks.add(thinking(r));
                continue;
            }
            ObjectNode block = RawText.object(r);
            if (block == null) throw ctx.invalid("a raw Anthropic part is not a JSON object");
            if (rest != null || rawText(block) == null) blocks.add(block); // else its text goes in the text below
        }
        if (rest != null) {
            if (!rest.isEmpty())
                blocks.add(ProviderJson.mapper()
                        .createObjectNode()
                        .put("type", "text")
                        .put("text", rest));
        } else {
            for (ContentPart p : m.content()) {
                if (assistant && !(p instanceof ContentPart.Text)) {
                    throw ctx.invalid(
                            "Anthropic accepts images and documents in user turns only, not in assistant turns");
                }
                ObjectNode block = part(p, true);
                if (block != null) blocks.add(block);
            }
        }
        for (ToolCall call : m.toolCalls()) {
            ObjectNode use = ProviderJson.mapper().createObjectNode();
            use.put("type", "tool_use").put("id", call.id()).put("name", call.name());
            use.set("input", arguments(call));
            blocks.add(use);
        }
        return blocks;
    }

    /** The text of a raw {@code text} block (cited text, or text kept in place), else {@code null}. */
    private static @Nullable String rawText(JsonNode block) {
        return "text".equals(ProviderJson.text(block, "type"))
                ? block.path("text").asText("")
                : null;
    }

    /** A reasoning part as the block it came as: {@code thinking} with its signature, or {@code redacted_thinking}. */
    private static ObjectNode thinking(ReasoningPart r) {
        ObjectNode block = ProviderJson.mapper().createObjectNode();
        if (r.isRedacted())
            return block.put("type", "redacted_thinking")
                    .put("data", r.redactedData().orElseThrow());
        block.put("type", "thinking").put("thinking", r.text());
        r.signature().ifPresent(s -> block.put("signature", s));
        return block;
    }

    /** A tool message as a {@code tool_result} block: string content when all text, else blocks. */
    private ObjectNode toolResult(Message m) {
        ObjectNode result = ProviderJson.mapper().createObjectNode();
        result.put("type", "tool_result").put("tool_use_id", m.toolCallId().orElseThrow());
        boolean allText = m.content().stream().allMatch(ContentPart.Text.class::isInstance);
        if (allText) {
            result.put("content", m.text());
        } else {
            ArrayNode content = result.putArray("content");
            for (ContentPart p : m.content()) {
                ObjectNode block = part(p, false);
                if (block != null) content.add(block);
            }
        }
        if (m.hasCacheHint()) result.set("cache_control", ephemeral());
        return result;
    }

    /**
     * One content part as a block, or {@code null} for empty text (Anthropic rejects empty text blocks).
     *
     * @param cacheable whether a cache hint goes on this block (inside a tool result it goes on the result)
     */
    private @Nullable ObjectNode part(ContentPart p, boolean cacheable) {
        ObjectNode block;
        if (p instanceof ContentPart.Text t) {
            if (t.text().isEmpty()) return null;
            block = ProviderJson.mapper().createObjectNode().put("type", "text").put("text", t.text());
        } else if (p instanceof ContentPart.Image i) {
            block = ProviderJson.mapper().createObjectNode().put("type", "image");
            block.set("source", imageSource(i.media()));
        } else {
            block = ProviderJson.mapper().createObjectNode().put("type", "document");
            block.set("source", documentSource(((ContentPart.Document) p).media()));
        }
        if (cacheable && p.cacheHint()) block.set("cache_control", ephemeral());
        return block;
    }

    private ObjectNode imageSource(ContentPart.Media media) {
        if (media.isUrl()) return urlSource(media);
        String type = media.mediaType().orElseThrow();
        if (!IMAGE_TYPES.contains(type)) {
            throw ctx.invalid("Anthropic accepts images of type "
                    + IMAGE_TYPES.stream().sorted().collect(Collectors.joining(", ")) + ", not " + type);
        }
        return base64Source(media, type);
    }

    private ObjectNode documentSource(ContentPart.Media media) {
        if (media.isUrl()) return urlSource(media);
        String type = media.mediaType().orElseThrow();
        if (type.equals("application/pdf")) return base64Source(media, type);
        if (type.equals("text/plain")) {
            return ProviderJson.mapper()
                    .createObjectNode()
                    .put("type", "text")
                    .put("media_type", type)
                    .put("data", new String(media.bytes().orElseThrow(), StandardCharsets.UTF_8));
        }
        throw ctx.invalid("Anthropic accepts documents of type application/pdf or text/plain, not " + type);
    }

    private static ObjectNode base64Source(ContentPart.Media media, String type) {
        return ProviderJson.mapper()
                .createObjectNode()
                .put("type", "base64")
                .put("media_type", type)
                .put("data", media.base64().orElseThrow());
    }

    private static ObjectNode urlSource(ContentPart.Media media) {
        return ProviderJson.mapper()
                .createObjectNode()
                .put("type", "url")
                .put("url", media.url().orElseThrow().toString());
    }

    private JsonNode arguments(ToolCall call) {
        JsonNode input = ProviderJson.tryParse(call.argumentsJson());
        if (input != null && input.isObject()) return input;
        throw ctx.invalid("arguments of tool call " + call.id() + " (" + call.name()
                + ") are not a JSON object; Anthropic needs an object as tool_use input");
    }

    /** {@code {"type": "ephemeral"}}. */
    private static ObjectNode ephemeral() {
        return ProviderJson.mapper().createObjectNode().put("type", "ephemeral");
    }

    /** One wire turn being assembled: tool results first, then the other blocks. */
    private static final class Turn {
        final String role;
        final List<ObjectNode> toolResults = new ArrayList<>();
        final List<ObjectNode> blocks = new ArrayList<>();

        Turn(String role) {
            this.role = role;
        }
    }
}
