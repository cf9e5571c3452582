/**
 * The Ollama adapter (native API): {@code POST /api/chat}, NDJSON when streamed, no API key.
 *
 * <p>Only {@link dev.llmring.providers.ollama.OllamaProviderFactory} is public (for {@link java.util.ServiceLoader});
 * the package is not exported. Protocol choices worth knowing:
 *
 * <ul>
 *   <li><b>Host.</b> The configured base URL, else {@code OLLAMA_HOST} read the way Ollama's own client reads it
 *       ({@code host}, {@code host:port} or a URL; no scheme means {@code http} on port 11434), else
 *       {@code http://localhost:11434}.</li>
 *   <li><b>Completeness.</b> A stream (or body) is complete once a line with {@code "done": true} arrived; that line
 *       carries {@code done_reason} and the counts. An {@code {"error": …}} line is a failure.</li>
 *   <li><b>Tool calls</b> arrive whole, with arguments as a JSON object. Ollama may send no call id; the decoder then
 *       synthesises a deterministic one, and the encoder names each tool result's function ({@code tool_name}) by
 *       finding its call among the earlier assistant messages.</li>
 *   <li><b>Tool choice.</b> Ollama cannot force a tool call: {@code none} sends no tools, {@code required} and a named
 *       tool are refused as invalid requests rather than quietly weakened.</li>
 *   <li><b>Sampling.</b> Only what the caller set goes into {@code options}; the model's own defaults apply
 *       otherwise.</li>
 *   <li><b>Provider options</b> ({@code ChatRequest.providerOptions("ollama")}) add top-level fields such as
 *       {@code keep_alive} or {@code think}; {@code options} entries (e.g. {@code num_ctx}) are merged. A key the
 *       adapter owns ({@code model}, {@code messages}, {@code tools}, {@code format}, {@code stream}) or one the
 *       request already set (there too) is refused with an {@link dev.llmring.InvalidRequestException} naming the
 *       key, as in every adapter.</li>
 *   <li><b>No trees.</b> Each line (or body) is read with Jackson's streaming parser into reusable fields and
 *       emitted once the whole line was read; requests are written straight to bytes with a
 *       {@code JsonGenerator}.</li>
 * </ul>
 */
@NullMarked
package dev.llmring.providers.ollama;

import org.jspecify.annotations.NullMarked;
