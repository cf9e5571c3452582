package dev.llmring.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Reasoning;
import dev.llmring.ResponseFormat;
import dev.llmring.Tool;
import dev.llmring.registry.ModelInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityCheckTest {
    private static final Tool TOOL = Tool.of("get_weather", "Weather for a city", "{\"type\":\"object\"}");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static ModelInfo.Builder model() {
        return ModelInfo.builder("openai", "fixture");
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("alias").user("hi");
    }

    @Test
    void toolsNeedFunctionCalling() {
        ModelInfo m = model().capability("supports_function_calling", false).build();
        assertEquals(
                List.of("function_calling"),
                CapabilityCheck.unmet(m, request().tool(TOOL).build(), false));
    }

    @Test
    void reasoningNeedsAReasoningModel() {
        ChatRequest r =
                request().reasoning(Reasoning.effort(Reasoning.Effort.HIGH)).build();
        assertEquals(
                List.of("reasoning"),
                CapabilityCheck.unmet(
                        model().capability("is_reasoning_model", false).build(), r, false));
        assertEquals(
                List.of(),
                CapabilityCheck.unmet(
                        model().capability("is_reasoning_model", true).build(), r, false));
    }

    @Test
    void imagesNeedVision() {
        ModelInfo m = model().capability("supports_vision", false).build();
        ChatRequest r = ChatRequest.builder("alias")
                .message(Message.user(ContentPart.image(PNG, "image/png")))
                .build();
        assertEquals(List.of("vision"), CapabilityCheck.unmet(m, r, false));
    }

    @Test
    void documentsNeedEitherDocumentFlag() {
        ChatRequest r = ChatRequest.builder("alias")
                .message(Message.user(ContentPart.pdf(PNG)))
                .build();
        ModelInfo pdfOnly = model().capability("supports_documents", false)
                .capability("supports_pdf_input", true)
                .build();
        ModelInfo neither = model().capability("supports_documents", false).build();
        assertEquals(List.of(), CapabilityCheck.unmet(pdfOnly, r, false));
        assertEquals(List.of("documents"), CapabilityCheck.unmet(neither, r, false));
    }

    @Test
    void unstatedCapabilityNeverBlocks() {
        ChatRequest r = ChatRequest.builder("alias")
                .message(Message.user(ContentPart.image(PNG, "image/png")))
                .tool(TOOL)
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .build();
        assertEquals(List.of(), CapabilityCheck.unmet(model().build(), r, true));
    }

    @Test
    void jsonSchemaIsServedByAForcedToolWhenTheModelCallsFunctions() {
        ChatRequest r = request()
                .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true))
                .build();
        ModelInfo tools = model().capability("supports_json_schema", false)
                .capability("supports_function_calling", true)
                .build();
        ModelInfo none = model().capability("supports_json_schema", false).build();
        assertEquals(List.of(), CapabilityCheck.unmet(tools, r, false));
        assertEquals(List.of("json_schema"), CapabilityCheck.unmet(none, r, false));
    }

    @Test
    void jsonObjectNeedsJsonModeOrSchema() {
        ChatRequest r = request().responseFormat(ResponseFormat.JSON_OBJECT).build();
        assertEquals(
                List.of("json_mode"),
                CapabilityCheck.unmet(
                        model().capability("supports_json_mode", false).build(), r, false));
        assertEquals(
                List.of(),
                CapabilityCheck.unmet(
                        model().capability("supports_json_mode", false)
                                .capability("supports_json_schema", true)
                                .build(),
                        r,
                        false));
    }

    @Test
    void streamingNeedsStreamingOnlyWhenStreaming() {
        ModelInfo m = model().capability("supports_streaming", false).build();
        assertEquals(List.of("streaming"), CapabilityCheck.unmet(m, request().build(), true));
        assertEquals(List.of(), CapabilityCheck.unmet(m, request().build(), false));
    }

    @Test
    void listsEveryUnmetCapabilityAtOnce() {
        ModelInfo m = model().capability("supports_function_calling", false)
                .capability("supports_vision", false)
                .capability("supports_streaming", false)
                .build();
        ChatRequest r = ChatRequest.builder("alias")
                .message(Message.user(ContentPart.image(PNG, "image/png")))
                .tool(TOOL)
                .build();
        assertEquals(List.of("function_calling", "vision", "streaming"), CapabilityCheck.unmet(m, r, true));
    }
}
