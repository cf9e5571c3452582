package dev.llmring;

import dev.llmring.internal.schema.StructuredReader;
import dev.llmring.internal.schema.Violation;
import java.util.List;
import java.util.Objects;

/**
 * Reads a model's JSON answer into a record, after checking it against the schema derived from that record.
 *
 * <pre>{@code
 * record Invoice(String customer, List<Line> lines, @Nullable String note) {}
 *
 * ChatRequest request = ChatRequest.builder("extractor")
 *         .user(text)
 *         .responseFormat(ResponseFormat.jsonSchema(Invoice.class))
 *         .build();
 * Invoice invoice = StructuredOutput.parse(ring.chat(request), Invoice.class);
 * }</pre>
 *
 * <p>The answer must be exactly one JSON object matching the schema of {@link ResponseFormat#jsonSchema(Class)}:
 * right types, no unknown properties, every property present (those that admit {@code null} may be absent), enum
 * values among the constants, date and time strings in their format. Any problem is a
 * {@link StructuredOutputException} listing every violation with its JSON pointer; nothing is coerced or dropped
 * silently.
 *
 * <p>Types must be accessible to Jackson: a public record in a package the module exports (or opens).
 */
public final class StructuredOutput {
    private StructuredOutput() {}

    /**
     * The text of {@code response} as a {@code type}.
     *
     * @param <T> the record type
     * @param response the response whose text to read
     * @param type the record class, as given to {@link ResponseFormat#jsonSchema(Class)}
     * @return the answer as a {@code type}
     * @throws StructuredOutputException when the text is not valid JSON, does not match the schema, or cannot be
     *     bound (a record constructor rejects it); names every violation, the binding that answered, and the finish
     *     reason when it was not {@code stop} (an answer cut at the token limit is the usual cause); carries the
     *     response's routing trace
     * @throws IllegalArgumentException when no schema can be derived from {@code type} (see
     *     {@link ResponseFormat#jsonSchema(Class)})
     */
    public static <T> T parse(ChatResponse response, Class<T> type) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(type, "type");
        StructuredReader.Result<T> result = StructuredReader.read(response.text(), type);
        T value = result.value();
        if (value != null) return value;
        String context = "answer of " + response.binding();
        if (!response.finishReason().is(FinishReason.STOP)) {
            context += " (finish reason " + response.finishReason()
                    + (response.finishReason().is(FinishReason.LENGTH) ? ": cut at the output token limit" : "")
                    + ")";
        }
        ErrorDetails details = ErrorDetails.of(response.provider(), response.model())
                .withRequestId(response.requestId().orElse(null));
        StructuredOutputException e = failure(context, type, result.violations(), details);
        e.attachTrace(response.trace());
        throw e;
    }

    /**
     * {@code json} as a {@code type}; for JSON from elsewhere, such as a tool call's
     * {@linkplain ToolCall#argumentsJson() arguments}.
     *
     * @param <T> the record type
     * @param json the JSON text
     * @param type the record class
     * @return the JSON as a {@code type}
     * @throws StructuredOutputException when the text is not valid JSON, does not match the schema, or cannot be
     *     bound, naming every violation
     * @throws IllegalArgumentException when no schema can be derived from {@code type}
     */
    public static <T> T parse(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        StructuredReader.Result<T> result = StructuredReader.read(json, type);
        T value = result.value();
        if (value != null) return value;
        throw failure("JSON text", type, result.violations(), ErrorDetails.none());
    }

    private static StructuredOutputException failure(
            String what, Class<?> type, List<Violation> violations, ErrorDetails details) {
        List<String> lines = violations.stream().map(Violation::toString).toList();
        StringBuilder message = new StringBuilder(what)
                .append(" is not a valid ")
                .append(type.getSimpleName())
                .append(" (")
                .append(lines.size())
                .append(lines.size() == 1 ? " violation):" : " violations):");
        for (String line : lines) message.append("\n  ").append(line);
        return new StructuredOutputException(message.toString(), details, lines);
    }
}
