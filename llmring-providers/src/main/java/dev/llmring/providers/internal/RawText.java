package dev.llmring.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.ReasoningPart;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where an assistant turn's text goes back when some of it came as raw text parts (cited text, or text that came
 * before a later raw block): the raw parts carry their text in place, and only the rest of the message's text is sent
 * as text, so nothing is sent twice.
 */
public final class RawText {
    private RawText() {}

    /**
     * The text of {@code m} that its own raw text parts do not carry, or {@code null} when they cannot be sent in
     * place: there is none, the content is not plain text, or the message's text does not begin with their texts
     * joined (the application changed it). On {@code null} the raw text parts are left out and the text goes whole.
     *
     * @param m the assistant message being encoded
     * @param own the message's parts of the adapter's provider, in order
     * @param textOf the text of a raw part's JSON when it is a text block or part, else {@code null}
     * @return the text still to send after the raw text parts, or {@code null} as above
     */
    public static @Nullable String remainder(
            Message m, List<ReasoningPart> own, Function<JsonNode, @Nullable String> textOf) {
        StringBuilder covered = new StringBuilder();
        boolean any = false;
        for (ReasoningPart r : own) {
            JsonNode node = r.rawJson().map(ProviderJson::tryParse).orElse(null);
            String text = node == null ? null : textOf.apply(node);
            if (text != null) {
                covered.append(text);
                any = true;
            }
        }
        if (!any) return null;
        for (ContentPart p : m.content()) {
            if (!(p instanceof ContentPart.Text) || p.cacheHint()) return null;
        }
        String text = m.text();
        return text.startsWith(covered.toString()) ? text.substring(covered.length()) : null;
    }

    /**
     * A raw part's JSON object, parsed.
     *
     * @param raw a part made by {@link ReasoningPart#raw}
     * @return the object; {@code null} when the JSON is not one (a part made by hand)
     */
    public static @Nullable ObjectNode object(ReasoningPart raw) {
        JsonNode node = ProviderJson.tryParse(raw.rawJson().orElseThrow());
        return node != null && node.isObject() ? (ObjectNode) node : null;
    }
}
