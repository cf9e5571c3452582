package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes a {@link ChatRequest} as a Messages API request body. */
final class RequestEncoder {
    /** {@code max_tokens} when the request sets no output limit (Anthropic requires one). */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Fields the adapter owns: provider options never replace them. */
    static final Set<String> OWNED = Set.of("model", "messages", "system", "tools", "tool_choice", "stream");

    private static final Logger LOG = LoggerFactory.getLogger(RequestEncoder.class);

    private RequestEncoder() {}

    /**
     * @param optionsKey the provider name the request's provider options are keyed by
     * @throws dev.llmring.InvalidRequestException when the request uses something Anthropic cannot express
     */
    static ObjectNode encode(ChatRequest request, String optionsKey, EncodeContext ctx, boolean stream) {
        Map<String, @Nullable Object> options = request.providerOptions(optionsKey);
        JsonNode thinking = options.containsKey("thinking") ? value(options.get("thinking"), "thinking", ctx) : null;
        boolean thinkingOn = thinking != null && thinking.isObject()
                && !"disabled".equals(Wire.text(thinking, "type"));

        ObjectNode root = Wire.MAPPER.createObjectNode();
        root.put("model", ctx.model());
        root.put("max_tokens", request.maxOutputTokens().orElse(defaultMaxTokens(thinking)));
        MessagesEncoder messages = new MessagesEncoder(ctx);
        JsonNode system = messages.system(request.messages());
        if (system != null) root.set("system", system);
        root.set("messages", messages.messages(request.messages()));
        new ToolsEncoder(ctx).encode(request, thinkingOn, root);
        if (request.temperature().isPresent()) {
            double t = request.temperature().getAsDouble();
            if (t > 1) throw ctx.invalid("Anthropic accepts temperature in [0, 1], was " + t);
            root.put("temperature", t);
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        if (stream) root.put("stream", true);
        options.forEach((key, value) -> {
            if (OWNED.contains(key)) {
                LOG.warn("ignoring provider option '{}' for {}: the adapter owns that field", key, ctx.provider());
            } else {
                root.set(key, value(value, key, ctx));
            }
        });
        return root;
    }

    /** 4096, or the thinking budget plus 4096 so that the answer has room after the thinking. */
    private static int defaultMaxTokens(@Nullable JsonNode thinking) {
        JsonNode budget = thinking == null ? null : thinking.get("budget_tokens");
        if (budget != null && budget.canConvertToInt() && budget.asInt() > 0) {
            return budget.asInt() + DEFAULT_MAX_TOKENS;
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static JsonNode value(@Nullable Object value, String key, EncodeContext ctx) {
        try {
            return Wire.MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw ctx.invalid("provider option '" + key + "' is not a JSON value");
        }
    }
}
