package dev.llmring.internal.registry;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.registry.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        List<String> unmet = new ArrayList<>();
        if (!request.tools().isEmpty() && denied(model, "supports_function_calling")) unmet.add("function_calling");
        if (has(request, ContentPart.Image.class) && denied(model, "supports_vision")) unmet.add("vision");
        if (has(request, ContentPart.Document.class) && deniedAll(model, "supports_documents", "supports_pdf_input")) {
            unmet.add("documents");
        }
        String format = request.responseFormat().type();
        if (format.equals("json_schema") && denied(model, "supports_json_schema") && !model.supportsFunctionCalling()) {
            unmet.add("json_schema");
        }
        if (format.equals("json_object") && denied(model, "supports_json_mode") && !model.supportsJsonSchema()) {
            unmet.add("json_mode");
        }
        if (streaming && denied(model, "supports_streaming")) unmet.add("streaming");
        if (request.reasoning().isPresent() && denied(model, "is_reasoning_model")) unmet.add("reasoning");
        return List.copyOf(unmet);
    }

    private static boolean denied(ModelInfo m, String flag) {
        return m.capability(flag).equals(Optional.of(false));
    }

    /** None of the flags is true and at least one is stated false. */
    private static boolean deniedAll(ModelInfo m, String... flags) {
        boolean anyFalse = false;
        for (String f : flags) {
            Optional<Boolean> v = m.capability(f);
            if (v.equals(Optional.of(true))) return false;
            if (v.isPresent()) anyFalse = true;
        }
        return anyFalse;
    }

    private static boolean has(ChatRequest r, Class<? extends ContentPart> kind) {
        return r.messages().stream().flatMap(m -> m.content().stream()).anyMatch(kind::isInstance);
    }
}
