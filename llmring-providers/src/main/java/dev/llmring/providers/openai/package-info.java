/**
 * The OpenAI Chat Completions adapter ({@code POST {base}/chat/completions}), also serving any OpenAI-compatible
 * server under another provider name (Groq, vLLM, LM Studio, OpenRouter …) when given a base URL.
 *
 * <p>Rules this adapter encodes:
 *
 * <ul>
 *   <li><b>Reasoning models</b> (model ids of the {@code o1}, {@code o3}, {@code o4} and {@code gpt-5} families,
 *       optionally behind an {@code ft:} prefix or an {@code openai/} route prefix) get {@code max_completion_tokens}
 *       and no {@code temperature} (they reject it; the request's temperature is dropped, logged at DEBUG). Every
 *       other model gets {@code max_tokens}, which OpenAI-compatible servers understand.</li>
 *   <li><b>Provider options</b> ({@code ChatRequest.providerOptions(name)}, keyed by the config's provider name, so
 *       {@code groq} for a Groq config) are added as top-level fields. A key the adapter owns ({@code model},
 *       {@code messages}, {@code stream}, {@code tools} …) or one the request already set ({@code temperature} …)
 *       is refused with an {@link dev.llmring.InvalidRequestException} naming the key, never silently replaced
 *       (the rule every adapter follows).</li>
 *   <li><b>Strict tools</b>: when the request asks for strict JSON-schema output, every tool is sent with
 *       {@code strict: true} too.</li>
 *   <li><b>Refusals</b> ({@code message.refusal}, {@code delta.refusal}) are surfaced as the answer text, and the
 *       finish reason is of kind {@code refusal} with OpenAI's own {@code finish_reason} as its raw string.</li>
 *   <li><b>Stream end</b>: a stream is complete at {@code data: [DONE]}. One that ends without it (some compatible
 *       servers omit the marker) is accepted only if both a {@code finish_reason} and the usage chunk were seen
 *       (every stream asks for usage with {@code include_usage}, and that chunk comes last); otherwise it was cut
 *       and is a failure ({@link dev.llmring.StreamException}). A {@code [DONE]} after no {@code finish_reason} at
 *       all finishes with kind {@code other}, raw {@code none}.</li>
 *   <li><b>Tool calls</b> are told apart by their id as well as their {@code index}: a fragment with a new id starts
 *       a new call even when its {@code index} repeats (Ollama sends {@code 0} for every call) or is absent.</li>
 *   <li><b>Reasoning text</b> of compatible servers ({@code reasoning_content}, {@code reasoning}) becomes reasoning
 *       deltas; OpenAI itself sends none on Chat Completions.</li>
 *   <li><b>{@code insufficient_quota}</b> (HTTP 429, quota or billing exhausted) is classified as
 *       {@link dev.llmring.spi.ErrorKind#AUTHENTICATION}: retrying cannot help, failing over can, and it needs an
 *       operator, so it should be loud. Ordinary 429s are {@code RATE_LIMITED}, with the delay of the message's
 *       "try again in 1.6s" as a hint when the headers give none.</li>
 *   <li><b>Media</b>: images by {@code https} (or {@code data:}) URL are passed on for OpenAI to fetch, image bytes
 *       become {@code data:} URLs; PDFs only as bytes ({@code file} part), a PDF by URL is refused.</li>
 *   <li>Only the first choice ({@code index 0}) is decoded.</li>
 *   <li><b>Decoding and encoding without trees</b>: a body and each SSE chunk are read with Jackson's streaming
 *       parser straight into reusable fields ({@code OpenAiChunk}), and events are emitted once the whole object was
 *       read, in the protocol's order; the rules are a tree read's (unknown fields skipped, a value of another type
 *       or {@code null} counts as absent, a repeated field's last occurrence wins, the parser's nesting and length
 *       limits, nothing after the object). Only an {@code error} object is read again as a tree. Requests are written
 *       straight to bytes with a {@code JsonGenerator}.</li>
 * </ul>
 */
@NullMarked
package dev.llmring.providers.openai;

import org.jspecify.annotations.NullMarked;
