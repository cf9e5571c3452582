package dev.llmring.contract;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Reasoning;
import dev.llmring.ReasoningPart;
import dev.llmring.ResponseFormat;
import dev.llmring.Role;
import dev.llmring.Tool;
import dev.llmring.ToolCall;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The script of the {@link ProviderContractTest}: the requests it sends and the answers the stubs of an adapter's
 * subclass must serve, in that provider's own wire shape. A stub for a scenario answers with exactly these texts,
 * tool calls and token counts; the contract then asserts the same values for every provider.
 *
 * <p>Every request goes to the alias {@value #ALIAS}, bound in the test's lockfile to the provider and model under
 * test.
 */
public final class ContractScript {
    /** The lockfile alias every scenario calls. */
    public static final String ALIAS = "contract";

    // ---- plain text: the answer, its finish (stop) and its usage; streamed in at least two text pieces ----

    /** The plain question, the only user message of {@link #plain()}. */
    public static final String PLAIN_QUESTION = "What is the capital of France?";
    /** The plain answer, in full; streamed in at least two pieces. */
    public static final String PLAIN_ANSWER = "The capital of France is Paris.";
    /** Input tokens of the plain answer (cached and reasoning tokens 0). */
    public static final long PLAIN_INPUT_TOKENS = 12;
    /** Output tokens of the plain answer. */
    public static final long PLAIN_OUTPUT_TOKENS = 8;

    // ---- finish by the output limit ----

    /** The question of {@link #length()}. */
    public static final String LENGTH_QUESTION = "Tell me a story.";
    /** The request's {@code maxOutputTokens}. */
    public static final int LENGTH_LIMIT = 4;
    /** The answer, cut by the limit (finish: length). */
    public static final String LENGTH_ANSWER = "Once upon a time";

    // ---- multi-turn ----

    /** The first turn of {@link #multiTurn()}: the user gives a name. */
    public static final String TURN_1 = "My name is Ada.";
    /** The second turn of {@link #multiTurn()}: the assistant's earlier answer. */
    public static final String TURN_2 = "Hello Ada!";
    /** The third turn of {@link #multiTurn()}: the user asks the name back. */
    public static final String TURN_3 = "What is my name?";
    /** The answer to {@link #multiTurn()}. */
    public static final String MULTI_TURN_ANSWER = "Your name is Ada.";

    // ---- system prompt ----

    /** The system prompt of {@link #systemPrompt()}. */
    public static final String SYSTEM_PROMPT = "Answer in French.";
    /** The user message of {@link #systemPrompt()}. */
    public static final String SYSTEM_QUESTION = "Say hello.";
    /** The answer to {@link #systemPrompt()} (non-ASCII on purpose). */
    public static final String SYSTEM_ANSWER = "Bonjour, ça va ?";

    // ---- image given as bytes ----

    /** A 1x1 red PNG, base64 as the providers carry it. */
    public static final String IMAGE_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    /** The media type of {@link #IMAGE_BASE64}. */
    public static final String IMAGE_MEDIA_TYPE = "image/png";
    /** The text sent with the image in {@link #image()}. */
    public static final String IMAGE_QUESTION = "What colour is this image?";
    /** The answer to {@link #image()}. */
    public static final String IMAGE_ANSWER = "Red.";

    // ---- tools: two tools, answered by two parallel calls (finish: tool_calls) ----

    /** The first tool: {@code get_weather(location)}. */
    public static final Tool WEATHER_TOOL = Tool.of(
            "get_weather",
            "Current weather for a location.",
            "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}");
    /** The second tool: {@code get_time(timezone)}. */
    public static final Tool TIME_TOOL = Tool.of(
            "get_time",
            "Current local time in a time zone.",
            "{\"type\":\"object\",\"properties\":{\"timezone\":{\"type\":\"string\"}},\"required\":[\"timezone\"]}");
    /** The question of {@link #tools()}, answered by a call of each tool. */
    public static final String TOOLS_QUESTION = "Weather and time in Paris?";
    /** The first call's arguments: {@code get_weather} with {@code {"location": "Paris"}}. */
    public static final String WEATHER_ARGUMENTS = "{\"location\":\"Paris\"}";
    /** The second call's arguments: {@code get_time} with {@code {"timezone": "Europe/Paris"}}. */
    public static final String TIME_ARGUMENTS = "{\"timezone\":\"Europe/Paris\"}";

    // ---- tool results sent back ----

    /** The ids of the earlier calls the tool results answer. */
    public static final String WEATHER_CALL_ID = "call_weather_1";

    /** The id of the {@code get_time} call that {@link #TIME_RESULT} answers. */
    public static final String TIME_CALL_ID = "call_time_1";
    /** The result of the {@code get_weather} call, JSON. */
    public static final String WEATHER_RESULT = "{\"temperature_c\":18}";
    /** The result of the {@code get_time} call, JSON. */
    public static final String TIME_RESULT = "{\"time\":\"14:05\"}";
    /** The answer to {@link #toolResults()}. */
    public static final String TOOL_RESULTS_ANSWER = "It is 18 degrees and 14:05 in Paris.";

    // ---- reasoning state round trip: the tools question with reasoning on, then the results sent back ----

    /** The reasoning budget (tokens) of the round-trip scenario's requests. */
    public static final int REASONING_BUDGET = 2048;

    // ---- structured output (JSON schema) ----

    /** The question of {@link #structured()}. */
    public static final String STRUCTURED_QUESTION =
            "Which city is the capital of France, and how many people live there?";
    /** The name of {@link #STRUCTURED_SCHEMA}, sent where the provider takes a schema name. */
    public static final String STRUCTURED_SCHEMA_NAME = "city_info";
    /** The JSON schema of {@link #structured()} (strict: every property required, no others). */
    public static final String STRUCTURED_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                    + "\"population\":{\"type\":\"integer\"}},\"required\":[\"city\",\"population\"],"
                    + "\"additionalProperties\":false}";
    /** The answer text (JSON); the contract compares it parsed, so spacing and key order may differ. */
    public static final String STRUCTURED_ANSWER = "{\"city\":\"Paris\",\"population\":2102650}";

    // ---- usage details (plain question and answer) ----

    /** Cached-usage scenario: input tokens in all, of which {@link #CACHED_TOKENS} were read from the cache. */
    public static final long CACHED_INPUT_TOKENS = 2048;

    /** Cached-usage scenario: the input tokens read from the cache, of {@link #CACHED_INPUT_TOKENS}. */
    public static final long CACHED_TOKENS = 1536;
    /** Reasoning-usage scenario: output tokens in all (reasoning included), of which {@link #REASONING_TOKENS}. */
    public static final long REASONING_OUTPUT_TOKENS = 40;

    /** Reasoning-usage scenario: the reasoning tokens, of {@link #REASONING_OUTPUT_TOKENS}. */
    public static final long REASONING_TOKENS = 32;

    // ---- errors ----

    /** The delay a rate-limit stub asks for, in the provider's way (a header or the body). */
    public static final Duration RATE_LIMIT_DELAY = Duration.ofSeconds(2);

    private ContractScript() {}

    /**
     * The plain question, {@link #PLAIN_QUESTION}, alone.
     *
     * @return the request
     */
    public static ChatRequest plain() {
        return ChatRequest.builder(ALIAS).user(PLAIN_QUESTION).build();
    }

    /**
     * {@link #LENGTH_QUESTION} with an output limit of {@link #LENGTH_LIMIT} tokens.
     *
     * @return the request
     */
    public static ChatRequest length() {
        return ChatRequest.builder(ALIAS)
                .user(LENGTH_QUESTION)
                .maxOutputTokens(LENGTH_LIMIT)
                .build();
    }

    /**
     * Three turns: {@link #TURN_1}, {@link #TURN_2} (assistant), {@link #TURN_3}.
     *
     * @return the request
     */
    public static ChatRequest multiTurn() {
        return ChatRequest.builder(ALIAS)
                .user(TURN_1)
                .message(Message.assistant(TURN_2))
                .user(TURN_3)
                .build();
    }

    /**
     * {@link #SYSTEM_QUESTION} under the system prompt {@link #SYSTEM_PROMPT}.
     *
     * @return the request
     */
    public static ChatRequest systemPrompt() {
        return ChatRequest.builder(ALIAS)
                .system(SYSTEM_PROMPT)
                .user(SYSTEM_QUESTION)
                .build();
    }

    /**
     * {@link #IMAGE_QUESTION} with the image {@link #IMAGE_BASE64} given as bytes.
     *
     * @return the request
     */
    public static ChatRequest image() {
        return ChatRequest.builder(ALIAS)
                .message(Message.user(
                        ContentPart.text(IMAGE_QUESTION),
                        ContentPart.image(Base64.getDecoder().decode(IMAGE_BASE64), IMAGE_MEDIA_TYPE)))
                .build();
    }

    /**
     * {@link #TOOLS_QUESTION} with {@link #WEATHER_TOOL} and {@link #TIME_TOOL}, tool choice left to the model.
     *
     * @return the request
     */
    public static ChatRequest tools() {
        return ChatRequest.builder(ALIAS)
                .user(TOOLS_QUESTION)
                .tool(WEATHER_TOOL)
                .tool(TIME_TOOL)
                .build();
    }

    /**
     * {@link #toolResults()}, its assistant turn also holding reasoning state of a provider that is not the one
     * called (as after a failover): the adapter leaves it out, so the request is exactly that of
     * {@link #toolResults()}.
     *
     * @return the request
     */
    public static ChatRequest toolResultsWithForeignReasoning() {
        ChatRequest plain = toolResults();
        ChatRequest.Builder b = ChatRequest.builder(ALIAS).tool(WEATHER_TOOL).tool(TIME_TOOL);
        for (Message m : plain.messages()) {
            b.message(
                    m.role().equals(Role.ASSISTANT)
                            ? Message.builder(Role.ASSISTANT)
                                    .reasoningPart(ReasoningPart.thinking(
                                            "elsewhere", "Weather first, then time.", "elsewhere-signature"))
                                    .reasoningPart(ReasoningPart.redacted("elsewhere", "elsewhere-redacted-data"))
                                    .toolCalls(m.toolCalls())
                                    .build()
                            : m);
        }
        return b.build();
    }

    /**
     * {@link #tools()} with reasoning on ({@link Reasoning#budget(int) a budget} of {@value #REASONING_BUDGET}
     * tokens): the first turn of the reasoning round trip.
     *
     * @return the request
     */
    public static ChatRequest reasoningTools() {
        return tools().toBuilder().reasoning(Reasoning.budget(REASONING_BUDGET)).build();
    }

    /**
     * The second turn of the reasoning round trip: {@link #reasoningTools()}'s question, then {@code first}'s
     * {@linkplain ChatResponse#assistantMessage() assistant message} as it came (reasoning state, text, the two tool
     * calls), then {@link #WEATHER_RESULT} and {@link #TIME_RESULT} answering those calls by their ids, with the same
     * tools and reasoning.
     *
     * @param first the answer to {@link #reasoningTools()}, holding the two calls
     * @return the request
     */
    public static ChatRequest reasoningToolResults(ChatResponse first) {
        List<ToolCall> calls = first.toolCalls();
        return ChatRequest.builder(ALIAS)
                .user(TOOLS_QUESTION)
                .message(first.assistantMessage())
                .message(Message.toolResult(calls.get(0).id(), WEATHER_RESULT))
                .message(Message.toolResult(calls.get(1).id(), TIME_RESULT))
                .tool(WEATHER_TOOL)
                .tool(TIME_TOOL)
                .reasoning(Reasoning.budget(REASONING_BUDGET))
                .build();
    }

    /**
     * The tools conversation continued: {@link #TOOLS_QUESTION}, the assistant turn calling both tools
     * ({@link #WEATHER_CALL_ID}, {@link #TIME_CALL_ID}), then {@link #WEATHER_RESULT} and {@link #TIME_RESULT}, with
     * the same tools.
     *
     * @return the request
     */
    public static ChatRequest toolResults() {
        return ChatRequest.builder(ALIAS)
                .user(TOOLS_QUESTION)
                .message(Message.builder(Role.ASSISTANT)
                        .toolCalls(List.of(
                                new ToolCall(WEATHER_CALL_ID, WEATHER_TOOL.name(), WEATHER_ARGUMENTS),
                                new ToolCall(TIME_CALL_ID, TIME_TOOL.name(), TIME_ARGUMENTS)))
                        .build())
                .message(Message.toolResult(WEATHER_CALL_ID, WEATHER_RESULT))
                .message(Message.toolResult(TIME_CALL_ID, TIME_RESULT))
                .tool(WEATHER_TOOL)
                .tool(TIME_TOOL)
                .build();
    }

    /**
     * {@link #STRUCTURED_QUESTION} with the response format {@link #STRUCTURED_SCHEMA} (strict).
     *
     * @return the request
     */
    public static ChatRequest structured() {
        return ChatRequest.builder(ALIAS)
                .user(STRUCTURED_QUESTION)
                .responseFormat(ResponseFormat.jsonSchema(STRUCTURED_SCHEMA_NAME, STRUCTURED_SCHEMA, true))
                .build();
    }
}
