/**
 * The Anthropic Messages API adapter ({@code POST /v1/messages}), registered as provider {@code anthropic}.
 *
 * <h2>Encoding</h2>
 * <ul>
 *   <li>System messages become the top-level {@code system}: one string (texts joined by a blank line), or, when any
 *       system part carries a cache hint, an array of text blocks with {@code cache_control: {type: ephemeral}} on
 *       the hinted ones. A cache hint on any other part puts {@code cache_control} on that block.</li>
 *   <li>Consecutive turns of one wire role are merged, so user and assistant strictly alternate. Tool results become
 *       {@code tool_result} blocks of a user turn, placed before any other block of that turn (the API wants them
 *       first).</li>
 *   <li>{@code max_tokens} is required by Anthropic: when the request has no limit it is
 *       {@value RequestEncoder#DEFAULT_MAX_TOKENS}, or the extended-thinking budget plus that when
 *       {@code thinking.budget_tokens} is given in the provider options.</li>
 *   <li>Tool choice: auto, none, required ({@code any}) and one named tool map one to one.</li>
 *   <li>{@code providerOptions("anthropic")} adds top-level fields (e.g. {@code thinking}, {@code top_k},
 *       {@code metadata}); {@code max_tokens} replaces the default limit when the request sets none. As in every
 *       adapter, a key the adapter owns ({@code model}, {@code messages}, {@code system}, {@code tools},
 *       {@code tool_choice}, {@code stream}) or one the request already set ({@code temperature},
 *       {@code stop_sequences}, {@code max_tokens} from its output limit) is refused with an
 *       {@link dev.llmring.InvalidRequestException} naming the key, never ignored or silently replaced.</li>
 *   <li>Seeds are not supported by Anthropic and are ignored. Temperatures above 1 are rejected.</li>
 *   <li>Reasoning state goes back: {@code thinking} blocks (text and signature) and {@code redacted_thinking}
 *       blocks are kept as {@link dev.llmring.ReasoningPart}s and sent back, in order, before the turn's text and
 *       {@code tool_use} blocks. Blocks llmring has no type for (server tool use, {@code *_tool_result}, text with
 *       {@code citations}, later additions) are kept as raw parts holding the block's JSON and sent back unchanged
 *       in their place; the text they carry is sent once. Other providers' parts are left out.</li>
 *   <li>Adapter options (lockfile or builder): {@code version} replaces the {@code anthropic-version} header
 *       ({@value AnthropicAdapter#API_VERSION}), {@code beta} sets {@code anthropic-beta}.</li>
 * </ul>
 *
 * <h2>Structured output</h2>
 * A JSON schema (or JSON object) response format is served by a synthetic tool, {@value ToolsEncoder#ANSWER_TOOL},
 * whose {@code input_schema} is the schema; its input is reported as the answer <em>text</em> (never as a tool
 * call), finishing {@code stop}. Choice of tool:
 * <ul>
 *   <li>no caller tools, or tool choice none: the answer tool is forced ({@code {type: tool}});</li>
 *   <li>caller tools with tool choice auto: both are offered with {@code any}, so the model either calls the
 *       caller's tools (reported as tool calls, finish {@code tool_calls}) or gives its answer through the answer
 *       tool;</li>
 *   <li>tool choice required or one named tool: that turn must call a caller tool, so the answer tool is not
 *       offered;</li>
 *   <li>with extended thinking enabled, Anthropic allows only {@code auto}, so the answer tool is offered under
 *       {@code auto} and the model may still answer in plain text.</li>
 * </ul>
 *
 * <h2>Decoding</h2>
 * Non-streamed bodies are replayed through the same handlers as stream events (one code path). Usage: input tokens
 * are {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}; finish reasons keep the raw
 * {@code stop_reason}.
 *
 * <p>No trees: a body and each SSE event are read with Jackson's streaming parser into reusable fields
 * ({@code MessagesEvent}, {@code ContentBlock}) and acted on once read whole; the rules are a tree read's (any field
 * order, unknown fields skipped, a value of another type or {@code null} counts as absent, a repeated field's last
 * occurrence wins, counts and indexes converted as a tree converted them, nothing after the object). JSON kept as
 * provider text (a tool call's input, a raw block, a citation) is copied from the parser, written exactly as a tree
 * would write it. Only an {@code error} body or event, and input the parser refused (for the tree read's wording of
 * the failure), are read again as a tree.
 */
@NullMarked
package dev.llmring.providers.anthropic;

import org.jspecify.annotations.NullMarked;
