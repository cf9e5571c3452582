package dev.llmring.lens;

import dev.llmring.ChatRequest;
import dev.llmring.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The prompts a run sends, in order and round again when the run needs more requests than there are prompts. Either
 * read from a JSONL file in the shape of batch input, or synthetic with a chosen length. The prompt text never leaves
 * the process: outputs name a prompt only by its id. Immutable.
 */
public final class PromptSet {
    /** One prompt: its id, messages and the request options the line carried. */
    record Prompt(String id, List<Message> messages, @Nullable Integer maxOutputTokens, @Nullable Double temperature) {
        ChatRequest request(String target) {
            ChatRequest.Builder b =
                    ChatRequest.builder(target).messages(messages).tag("lens");
            if (maxOutputTokens != null) b.maxOutputTokens(maxOutputTokens);
            if (temperature != null) b.temperature(temperature);
            return b.build();
        }
    }

    private static final String[] WORDS = {
        "river", "stone", "light", "paper", "garden", "window", "market", "silver", "engine", "forest", "number",
        "yellow", "travel", "summer", "winter", "letter", "bridge", "animal", "planet", "kitchen", "pencil", "orange",
        "signal", "harbor", "meadow", "lantern", "copper", "valley", "thunder", "island", "morning", "whisper"
    };

    private final List<Prompt> prompts;
    private final String description;

    private PromptSet(List<Prompt> prompts, String description) {
        this.prompts = List.copyOf(prompts);
        this.description = description;
    }

    /**
     * Reads prompts from a JSONL file, one request per line, either the OpenAI Batch shape
     * ({@code {"custom_id", "method": "POST", "url", "body": {"messages", "max_tokens", "temperature"}}}) or its
     * short form ({@code {"custom_id", "model", "messages", …}}). The line's model is not used: the run's targets
     * decide. Message content is a string or a list of text parts. Blank lines are skipped.
     *
     * @param file the JSONL file, read at once in full
     * @return the prompts, in the file's order, each named by its {@code custom_id}
     * @throws LensException naming the file, line and field of the first line that cannot be used, or when the file
     *     cannot be read or holds no prompt
     */
    public static PromptSet fromJsonl(Path file) {
        Objects.requireNonNull(file, "file");
        return new PromptSet(PromptLines.read(file), file.getFileName().toString());
    }

    /**
     * {@code count} synthetic prompts of about {@code inputTokens} tokens each (common English words, about one token
     * apiece), each asking for about {@code outputTokens} tokens and capped at that many, varied so that no two
     * share a cache entry. The same arguments always give the same prompts.
     *
     * @param count how many prompts, 1 to 10,000
     * @param inputTokens about how many tokens each prompt has, 1 to 200,000
     * @param outputTokens about how many tokens each prompt asks for (and its output cap), 1 to 100,000
     * @return the prompts, named {@code synthetic-1}, {@code synthetic-2} …
     * @throws IllegalArgumentException unless count is 1 to 10,000, input tokens 1 to 200,000 and output tokens 1
     *     to 100,000
     */
    public static PromptSet synthetic(int count, int inputTokens, int outputTokens) {
        if (count < 1 || count > 10_000) throw new IllegalArgumentException("count must be 1 to 10000, got " + count);
        if (inputTokens < 1 || inputTokens > 200_000) {
            throw new IllegalArgumentException("input tokens must be 1 to 200000, got " + inputTokens);
        }
        if (outputTokens < 1 || outputTokens > 100_000) {
            throw new IllegalArgumentException("output tokens must be 1 to 100000, got " + outputTokens);
        }
        Random random = new Random(42);
        List<Prompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String ask =
                    "Request " + (i + 1) + ". Write a story of about " + outputTokens + " words using these words: ";
            StringBuilder sb = new StringBuilder(ask);
            int words = Math.max(1, inputTokens - ask.split(" ").length);
            for (int w = 0; w < words; w++) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(w + 1 < words ? ' ' : '.');
            }
            prompts.add(new Prompt("synthetic-" + (i + 1), List.of(Message.user(sb.toString())), outputTokens, null));
        }
        return new PromptSet(prompts, "synthetic " + inputTokens + " in / " + outputTokens + " out");
    }

    /** {@return how many prompts there are} */
    public int size() {
        return prompts.size();
    }

    /** {@return where the prompts came from: the file's name, or the synthetic shape} */
    public String description() {
        return description;
    }

    /** The prompt for request {@code n} (0 first), going round the set. */
    Prompt get(long n) {
        return prompts.get((int) (n % prompts.size()));
    }

    @Override
    public String toString() {
        return "PromptSet[" + description + ", " + prompts.size() + " prompts]";
    }
}
