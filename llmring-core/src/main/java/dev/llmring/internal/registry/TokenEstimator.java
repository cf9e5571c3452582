package dev.llmring.internal.registry;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import java.util.List;
import java.util.Objects;

/**
 * A rough, deliberately generous estimate of a request's input tokens, made without a tokenizer (which differs per
 * provider anyway):
 * <ul>
 *   <li>text: one token per 4 ASCII characters (rounded up) plus one token per non-ASCII code point (CJK text runs
 *       close to a token per character);</li>
 *   <li>{@value #PER_MESSAGE} tokens of framing per message and {@value #PER_REQUEST} per request;</li>
 *   <li>each image {@value #PER_IMAGE} tokens (about the most a provider charges for one image at default detail);</li>
 *   <li>each document: one token per {@value #PDF_BYTES_PER_TOKEN} bytes, at least {@value #PER_DOCUMENT}; a
 *       document given by URL counts {@value #PER_DOCUMENT};</li>
 *   <li>each tool: {@value #PER_TOOL} tokens plus its name, description and schema as text; a response schema as
 *       text; tool calls and reasoning in earlier turns as text.</li>
 * </ul>
 */
public final class TokenEstimator {
    public static final int PER_REQUEST = 3;
    public static final int PER_MESSAGE = 4;
    public static final int PER_IMAGE = 1_600;
    public static final int PER_DOCUMENT = 3_000;
    public static final int PDF_BYTES_PER_TOKEN = 50;
    public static final int PER_TOOL = 8;

    private TokenEstimator() {}

    /** The estimated input tokens of {@code request}. */
    public static long inputTokens(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        long tokens = PER_REQUEST;
        // indexed loops over the request's lists (immutable, random access): no iterator per list, on every attempt
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            tokens += PER_MESSAGE;
            List<ContentPart> content = m.content();
            for (int j = 0; j < content.size(); j++) tokens += part(content.get(j));
            List<ToolCall> calls = m.toolCalls();
            for (int j = 0; j < calls.size(); j++) {
                ToolCall call = calls.get(j);
                tokens += PER_MESSAGE + text(call.name()) + text(call.argumentsJson());
            }
            String reasoning = m.reasoning().orElse(null);
            if (reasoning != null) tokens += text(reasoning);
        }
        List<Tool> tools = request.tools();
        for (int i = 0; i < tools.size(); i++) {
            Tool t = tools.get(i);
            tokens += PER_TOOL + text(t.name()) + text(t.description()) + text(t.parametersSchema());
        }
        tokens += request.responseFormat().schema().map(s -> PER_TOOL + text(s)).orElse(0L);
        return tokens;
    }

    private static long part(ContentPart p) {
        if (p instanceof ContentPart.Text t) return text(t.text());
        if (p instanceof ContentPart.Image) return PER_IMAGE;
        ContentPart.Media media = ((ContentPart.Document) p).media();
        long bytes = media.bytes().map(b -> (long) b.length).orElse(0L);
        return Math.max(PER_DOCUMENT, bytes / PDF_BYTES_PER_TOKEN);
    }

    /** Tokens of a text: ceil(ASCII chars / 4) + non-ASCII code points. */
    static long text(String s) {
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp < 0x80) ascii++;
            else other++;
            i += Character.charCount(cp);
        }
        return (ascii + 3) / 4 + other;
    }
}
