package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.providers.internal.ProviderOptions;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Encodes a {@link ChatRequest} as a Messages API request body. */
final class RequestEncoder {
    /** {@code max_tokens} when the request sets no output limit (Anthropic requires one). */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /**
     * Fields the adapter owns: provider options naming one, or a field the request already set ({@code temperature},
     * {@code stop_sequences}, {@code max_tokens} from the request's output limit), are refused.
     */
    private static final ProviderOptions OPTIONS =
            ProviderOptions.owning("model", "messages", "system", "tools", "tool_choice", "stream");

    private RequestEncoder() {}

    /**
     * @param optionsKey the provider name the request's provider options are keyed by
     * @throws dev.llmring.InvalidRequestException when the request uses something Anthropic cannot express
     */
    static ObjectNode encode(ChatRequest request, String optionsKey, EncodeContext ctx, boolean stream) {
        Map<String, @Nullable Object> options = request.providerOptions(optionsKey);
        JsonNode thinking = request.reasoning().isPresent()
                ? ProviderJson.mapper()
                        .createObjectNode()
                        .put("type", "enabled")
                        .put("budget_tokens", request.reasoning().get().budgetTokens())
                : options.containsKey("thinking")
                        ? ProviderOptions.value("thinking", options.get("thinking"), ctx.provider(), ctx.model())
                        : null;
        boolean thinkingOn =
                thinking != null && thinking.isObject() && !"disabled".equals(ProviderJson.text(thinking, "type"));

        ObjectNode root = ProviderJson.mapper().createObjectNode();
        root.put("model", ctx.model());
        if (request.maxOutputTokens().isPresent() || !options.containsKey("max_tokens")) {
            // without a request limit, a max_tokens option replaces the default rather than conflicting with it
            root.put("max_tokens", request.maxOutputTokens().orElse(defaultMaxTokens(thinking)));
        }
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
        if (request.reasoning().isPresent()) root.set("thinking", thinking); // a thinking option then conflicts
        if (stream) root.put("stream", true);
        OPTIONS.merge(root, options, ctx.provider(), ctx.model());
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
}
