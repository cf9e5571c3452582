/**
 * The Google Gemini adapter (Generative Language API, {@code v1beta}): {@code :generateContent} and
 * {@code :streamGenerateContent?alt=sse}, the key in the {@code x-goog-api-key} header.
 *
 * <p>Only {@link dev.llmring.providers.google.GoogleProviderFactory} is public (for {@link java.util.ServiceLoader});
 * the package is not exported. Protocol choices worth knowing:
 *
 * <ul>
 *   <li><b>Tool call ids.</b> Gemini's {@code functionCall} usually has no id. The decoder uses the call's {@code id}
 *       when Gemini sends one and otherwise synthesises a deterministic one ({@code call_} + a hash of the call's
 *       index, name and arguments), so the same answer always yields the same ids. Gemini matches results to calls by
 *       function name and order, not id: the encoder finds each tool result's function name by looking up its
 *       {@code toolCallId} among the tool calls of the nearest earlier assistant message (whatever provider made
 *       them) and sends the results of one turn in the order of the calls.</li>
 *   <li><b>Thought signatures.</b> Gemini 3 models require the {@code thoughtSignature} of earlier function calls
 *       back. The decoder keeps each one as a {@link dev.llmring.ReasoningPart}: on a function call tied to the
 *       call's id, on a thought with the thought's text, on answer text with empty text. The encoder puts each back
 *       on the part it came with (the call, a {@code thought} part, the turn's last text part). Only when no call of
 *       an assistant turn has a known signature (a conversation built by hand, or begun with another provider) do
 *       Gemini 3+ calls get Google's documented {@code skip_thought_signature_validator} value instead.</li>
 *   <li><b>Schemas.</b> JSON Schema is translated to Gemini's OpenAPI subset by {@code GeminiSchemaTranslator};
 *       what cannot be expressed is an {@link dev.llmring.InvalidRequestException} listing every keyword and path,
 *       never silently dropped.</li>
 *   <li><b>Decoding.</b> Only the first candidate is read. Usage: input = {@code promptTokenCount} (+
 *       {@code toolUsePromptTokenCount}), output = {@code candidatesTokenCount} + {@code thoughtsTokenCount}
 *       (Gemini's candidates count excludes thoughts), reasoning = thoughts, cached input =
 *       {@code cachedContentTokenCount}. Parts llmring has no type for ({@code executableCode},
 *       {@code codeExecutionResult}, {@code inlineData} from image models, {@code fileData}, …) are kept as raw
 *       {@link dev.llmring.ReasoningPart}s holding the part's JSON and sent back unchanged in their place in the next
 *       model turn.</li>
 *   <li><b>No trees.</b> Each body or frame is read with Jackson's streaming parser into reusable fields
 *       ({@code GeminiChunk}), with the leniency of the tree read it replaced (a repeated key's last value wins,
 *       numbers as text and text as numbers read as a tree's {@code asText}/{@code asLong} read them). Verbatim JSON
 *       (raw parts, function-call {@code args}) is copied from the parser as compact text; an error object, and a
 *       verbatim value that repeats a key, are read as a small tree.</li>
 *   <li><b>Errors.</b> A 400 {@code API_KEY_INVALID} is an authentication failure, {@code FAILED_PRECONDITION}
 *       (unsupported location, billing) too, so that another binding is tried; a 429's {@code RetryInfo} delay is
 *       passed on; error bodies are read whatever the status, plain or wrapped in an array.</li>
 *   <li><b>Provider options</b> ({@code ChatRequest.providerOptions("google")}) add top-level fields such as
 *       {@code safetySettings}; {@code generationConfig} entries (e.g. {@code thinkingConfig}) are merged; owned
 *       fields and keys the request already set (there too) are refused with an
 *       {@link dev.llmring.InvalidRequestException} naming the key, as in every adapter.</li>
 *   <li><b>Completeness.</b> Gemini streams have no end marker: a stream is complete when the body ends after a
 *       chunk that carried a {@code finishReason} (or a {@code promptFeedback.blockReason} without candidates), with
 *       no content after it; a body that ends otherwise was cut and is a failure.</li>
 * </ul>
 */
@NullMarked
package dev.llmring.providers.google;

import org.jspecify.annotations.NullMarked;
