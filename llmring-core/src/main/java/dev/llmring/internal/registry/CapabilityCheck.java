package dev.llmring.internal.registry;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.registry.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a request needs that a model lacks, by the registry's flags. A capability counts as missing only when the
 * registry says {@code false}: a flag the registry does not state never blocks a call. Needs:
 * <ul>
 *   <li>{@code function_calling}: the request has tools;</li>
 *   <li>{@code vision}: a message has an image;</li>
 *   <li>{@code documents}: a message has a document (either {@code supports_documents} or
 *       {@code supports_pdf_input} suffices);</li>
 *   <li>{@code json_schema}: a schema response format, unless the model can do function calling (adapters fall back
 *       to a forced tool);</li>
 *   <li>{@code json_mode}: a JSON-object response format (a model with {@code supports_json_schema} also serves);</li>
 *   <li>{@code streaming}: the call streams;</li>
 *   <li>{@code reasoning}: the request asks for reasoning ({@code is_reasoning_model}).</li>
 * </ul>
 * Temperature is not checked: adapters drop it for models that refuse it.
 */
public final class CapabilityCheck {
    private CapabilityCheck() {}

    /** The names of the capabilities {@code request} needs and {@code model} lacks, in the order listed above. */
    public static List<String> unmet(ModelInfo model, ChatRequest request, boolean streaming) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        // on every attempt: one pass over the content, no list unless something is missing
        boolean image = false;
        boolean document = false;
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentPart> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                ContentPart part = content.get(j);
                if (part instanceof ContentPart.Image) image = true;
                else if (part instanceof ContentPart.Document) document = true;
            }
        }
        List<String> unmet = null;
        if (!request.tools().isEmpty() && denied(model, "supports_function_calling")) {
            unmet = add(unmet, "function_calling");
        }
        if (image && denied(model, "supports_vision")) unmet = add(unmet, "vision");
        if (document && deniedAll(model, "supports_documents", "supports_pdf_input")) unmet = add(unmet, "documents");
        String format = request.responseFormat().type();
        if (format.equals("json_schema") && denied(model, "supports_json_schema") && !model.supportsFunctionCalling()) {
            unmet = add(unmet, "json_schema");
        }
        if (format.equals("json_object") && denied(model, "supports_json_mode") && !model.supportsJsonSchema()) {
            unmet = add(unmet, "json_mode");
        }
        if (streaming && denied(model, "supports_streaming")) unmet = add(unmet, "streaming");
        if (request.reasoning().isPresent() && denied(model, "is_reasoning_model")) unmet = add(unmet, "reasoning");
        return unmet == null ? List.of() : List.copyOf(unmet);
    }

    private static List<String> add(@Nullable List<String> list, String capability) {
        List<String> l = list == null ? new ArrayList<>() : list;
        l.add(capability);
        return l;
    }

    private static boolean denied(ModelInfo m, String flag) {
        return Boolean.FALSE.equals(m.capabilities().get(flag));
    }

    /** None of the flags is true and at least one is stated false. */
    private static boolean deniedAll(ModelInfo m, String a, String b) {
        Boolean first = m.capabilities().get(a);
        Boolean second = m.capabilities().get(b);
        if (Boolean.TRUE.equals(first) || Boolean.TRUE.equals(second)) return false;
        return first != null || second != null;
    }
}
