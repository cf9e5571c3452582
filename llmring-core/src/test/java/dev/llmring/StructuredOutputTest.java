package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {
    enum Priority {
        LOW,
        HIGH
    }

    record Line(String item, int quantity, double price) {}

    record Invoice(
            String customer, List<Line> lines, Priority priority, @Nullable String note, Optional<Integer> discount) {}

    record Tally(Map<String, Integer> counts) {}

    private static final RoutingTrace TRACE = new RoutingTrace("extractor", "test", List.of(), "openai:gpt-4o");

    private static ChatResponse response(String text, FinishReason finish) {
        return ChatResponse.builder()
                .text(text)
                .finishReason(finish)
                .provider("openai")
                .model("gpt-4o")
                .requestId("req-123")
                .latency(Duration.ofMillis(5))
                .trace(TRACE)
                .build();
    }

    private static ChatResponse response(String text) {
        return response(text, FinishReason.STOP);
    }

    private static final String INVOICE = "{\"customer\":\"ACME\",\"lines\":[{\"item\":\"bolt\",\"quantity\":3,"
            + "\"price\":0.25}],\"priority\":\"HIGH\",\"note\":null,\"discount\":5}";

    @Test
    void parsesTheAnswerTextIntoTheRecord() {
        Invoice invoice = StructuredOutput.parse(response(INVOICE), Invoice.class);
        assertEquals(
                new Invoice("ACME", List.of(new Line("bolt", 3, 0.25)), Priority.HIGH, null, Optional.of(5)), invoice);
    }

    @Test
    void parsesJsonTextSuchAsToolArguments() {
        assertEquals(
                new Line("nut", 1, 2.5),
                StructuredOutput.parse("{\"item\":\"nut\",\"quantity\":1,\"price\":2.5}", Line.class));
    }

    @Test
    void exceptionNamesEveryViolationWithItsPointer() {
        String bad = "{\"customer\":7,\"lines\":[{\"item\":\"bolt\",\"quantity\":\"3\",\"price\":0.25,\"sku\":\"x\"}],"
                + "\"priority\":\"URGENT\"}";
        StructuredOutputException e = assertThrows(
                StructuredOutputException.class, () -> StructuredOutput.parse(response(bad), Invoice.class));
        assertEquals(
                List.of(
                        "/customer: expected string, got integer",
                        "/lines/0/quantity: expected integer, got string",
                        "/lines/0/sku: property is not allowed by the schema",
                        "/priority: expected one of [\"LOW\",\"HIGH\"], got a string not in that list"),
                e.violations());
        for (String v : e.violations()) assertTrue(e.getMessage().contains(v), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("answer of openai:gpt-4o is not a valid Invoice (4 violations):"),
                e.getMessage());
    }

    @Test
    void unknownEnumValueIsNotQuotedInTheMessage() {
        StructuredOutputException e = assertThrows(
                StructuredOutputException.class,
                () -> StructuredOutput.parse(response(INVOICE.replace("HIGH", "TOP-SECRET")), Invoice.class));
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void malformedJsonIsAStructuredOutputError() {
        StructuredOutputException e = assertThrows(
                StructuredOutputException.class,
                () -> StructuredOutput.parse(response("Sure! Here is the JSON: {"), Invoice.class));
        assertEquals(1, e.violations().size());
        assertTrue(
                e.violations().get(0).startsWith("(root): not valid JSON"),
                e.violations().toString());
    }

    @Test
    void answerCutAtTheTokenLimitSaysSo() {
        StructuredOutputException e = assertThrows(
                StructuredOutputException.class,
                () -> StructuredOutput.parse(
                        response(INVOICE.substring(0, 40), FinishReason.of(FinishReason.LENGTH, "max_tokens")),
                        Invoice.class));
        assertTrue(
                e.getMessage().contains("finish reason length(max_tokens): cut at the output token limit"),
                e.getMessage());
    }

    @Test
    void exceptionCarriesTheBindingRequestIdAndTrace() {
        StructuredOutputException e = assertThrows(
                StructuredOutputException.class, () -> StructuredOutput.parse(response("{}"), Invoice.class));
        assertEquals(Optional.of("openai"), e.provider());
        assertEquals(Optional.of("gpt-4o"), e.model());
        assertEquals(Optional.of("req-123"), e.requestId());
        assertSame(TRACE, e.trace().orElseThrow());
        assertFalse(e.isRetryable());
    }

    @Test
    void emptyAnswerIsRejected() {
        StructuredOutputException e =
                assertThrows(StructuredOutputException.class, () -> StructuredOutput.parse(response(""), Line.class));
        assertEquals(List.of("(root): the text is empty, expected a JSON object"), e.violations());
    }

    @Test
    void typeWithoutSchemaIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> StructuredOutput.parse(response("{}"), String.class));
    }

    @Test
    void responseFormatFromARecordIsStrictAndNamedAfterIt() {
        ResponseFormat f = ResponseFormat.jsonSchema(Invoice.class);
        assertEquals("json_schema", f.type());
        assertEquals(Optional.of("Invoice"), f.name());
        assertTrue(f.strict());
        assertTrue(
                f.schema().orElseThrow().startsWith("{\"type\":\"object\",\"properties\":{\"customer\""),
                f.schema().orElseThrow());
    }

    @Test
    void responseFormatFromARecordWithAMapIsNotStrict() {
        assertFalse(ResponseFormat.jsonSchema(Tally.class).strict());
    }

    @Test
    void responseFormatFromTheSameRecordIsEqual() {
        assertEquals(ResponseFormat.jsonSchema(Invoice.class), ResponseFormat.jsonSchema(Invoice.class));
    }

    @Test
    void responseFormatFromANonRecordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResponseFormat.jsonSchema(String.class));
    }
}
