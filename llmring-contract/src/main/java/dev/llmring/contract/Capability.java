package dev.llmring.contract;

/**
 * What a provider may genuinely be unable to do. The scenarios needing a capability a subclass declares unsupported
 * ({@link ContractHarness#supports}) are skipped (reported as such by JUnit), never silently passed. Declare a
 * capability unsupported only when the provider's API cannot express it, and say why in the subclass; never to dodge
 * a failing scenario.
 */
public enum Capability {
    /** Images given as bytes in a user message. */
    IMAGE_INPUT,
    /** Tool definitions, tool calls (two in one answer) and tool results sent back. */
    TOOLS,
    /** Output constrained by a JSON schema. */
    STRUCTURED_OUTPUT,
    /** Usage reports the input tokens read from a prompt cache. */
    CACHED_INPUT_TOKENS,
    /** Usage reports the reasoning (thinking) tokens apart, within the output tokens. */
    REASONING_TOKENS,
    /**
     * Answers carry opaque reasoning state (Anthropic's signed {@code thinking} and {@code redacted_thinking} blocks,
     * Gemini's {@code thoughtSignature}s) that must go back with the assistant turn. A provider without such state
     * (OpenAI Chat Completions, Ollama) declares it unsupported; its round trip is then checked to send the plain
     * tool-results request.
     */
    REASONING_STATE
}
