package dev.llmring.testing;

import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the scripted provider answers for one model name: a sequence of steps, one consumed per HTTP request (so a
 * retry consumes a step too). After the last step, the last step repeats; a {@linkplain Builder#cycle() cycling}
 * script starts over instead. Each {@code ProviderAdapter} the {@link ScriptedProvider} creates (one per
 * {@code LlmRing}) keeps its own position, so every new client starts each script at step 1.
 *
 * <pre>{@code
 * Script flaky = ScriptedProvider.script("flaky")
 *         .failWith(503).retryAfter(Duration.ofMillis(10))
 *         .then().reply("hello").usage(12, 3)
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Script {
    private final String name;
    private final List<Step> steps;
    private final boolean cycle;

    private Script(String name, List<Step> steps, boolean cycle) {
        this.name = name;
        this.steps = List.copyOf(steps);
        this.cycle = cycle;
    }

    /**
     * A builder for the script answering model {@code name} (the model part of {@code scripted:name}).
     *
     * @param name the model name the script answers for
     * @return a builder at step 1
     * @throws IllegalArgumentException unless 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}
     */
    public static Builder builder(String name) {
        return new Builder(requireName(name));
    }

    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "script name must be 1-64 letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        return name;
    }

    /** {@return the model name the script answers for} */
    public String name() {
        return name;
    }

    /** {@return the number of steps} */
    public int size() {
        return steps.size();
    }

    /** {@return whether the script starts over after its last step (otherwise the last step repeats)} */
    public boolean cycles() {
        return cycle;
    }

    /** The step answering call number {@code call} (0-based). */
    Step step(long call) {
        if (call < steps.size()) return steps.get((int) call);
        return cycle ? steps.get((int) (call % steps.size())) : steps.get(steps.size() - 1);
    }

    @Override
    public String toString() {
        return "Script[" + name + ", " + steps.size() + " steps" + (cycle ? ", cycling" : "") + "]";
    }

    /**
     * Builds a {@link Script} step by step: the methods before the first {@link #then()} describe step 1, and so on.
     * A step either replies (text, reasoning, tool calls, finish reason, usage, stream shape) or fails (HTTP status,
     * Retry-After). Setters validate at once: a value out of range is an {@link IllegalArgumentException}, mixing a
     * reply and a failure in one step an {@link IllegalStateException}.
     */
    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();
        private Step.Draft draft = new Step.Draft(1);
        private int repeat = 1;
        private boolean cycle;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Appends {@code text} to the step's answer text.
         *
         * @param text the text to append
         * @return this builder
         * @throws IllegalStateException when the step fails or echoes
         */
        public Builder reply(String text) {
            draft.text(text);
            return this;
        }

        /**
         * Answers with the text of the request's last user message.
         *
         * @return this builder
         * @throws IllegalStateException when the step fails or already has reply text
         */
        public Builder echo() {
            draft.echo();
            return this;
        }

        /**
         * Reasoning (thinking) the step reports before its text.
         *
         * @param text the reasoning text
         * @return this builder
         * @throws IllegalStateException when the step fails
         */
        public Builder reasoning(String text) {
            draft.reasoning(text);
            return this;
        }

        /**
         * A tool call with a generated id; {@code argumentsJson} is sent as given, even if not valid JSON.
         *
         * @param name the tool's name
         * @param argumentsJson the call's arguments
         * @return this builder
         * @throws IllegalArgumentException unless the name is 1 to 64 letters, digits, {@code _} or {@code -}
         * @throws IllegalStateException when the step fails
         */
        public Builder toolCall(String name, String argumentsJson) {
            draft.toolCall(null, name, argumentsJson);
            return this;
        }

        /**
         * A tool call with the given id.
         *
         * @param id the call's id, as the provider would send it
         * @param name the tool's name
         * @param argumentsJson the call's arguments, sent as given
         * @return this builder
         * @throws IllegalArgumentException unless the name is 1 to 64 letters, digits, {@code _} or {@code -}
         * @throws IllegalStateException when the step fails
         */
        public Builder toolCall(String id, String name, String argumentsJson) {
            draft.toolCall(Objects.requireNonNull(id, "id"), name, argumentsJson);
            return this;
        }

        /**
         * The finish reason as the provider would send it: {@code stop}, {@code length}, {@code tool_calls},
         * {@code content_filter}, {@code refusal}, or any other string (which arrives as an "other" reason). By
         * default {@code tool_calls} when the step calls tools, {@code stop} otherwise.
         *
         * @param raw the finish reason as sent
         * @return this builder
         * @throws IllegalArgumentException when blank
         * @throws IllegalStateException when the step fails
         */
        public Builder finish(String raw) {
            draft.finish(raw);
            return this;
        }

        /**
         * The token counts to report. By default input is a quarter of the request's message characters and output
         * a quarter of the answer's characters (each at least 1).
         *
         * @param inputTokens the input tokens to report
         * @param outputTokens the output tokens to report
         * @return this builder
         * @throws IllegalStateException when the step fails
         */
        public Builder usage(long inputTokens, long outputTokens) {
            return usage(Usage.builder()
                    .inputTokens(inputTokens)
                    .outputTokens(outputTokens)
                    .build());
        }

        /**
         * The usage to report, with cached and reasoning tokens.
         *
         * @param usage the usage to report
         * @return this builder
         * @throws IllegalStateException when the step fails
         */
        public Builder usage(Usage usage) {
            draft.usage(usage);
            return this;
        }

        /**
         * Fails with HTTP {@code status} (400..599), classified by the status as real providers are.
         *
         * @param status the HTTP status
         * @return this builder
         * @throws IllegalArgumentException unless 400..599
         * @throws IllegalStateException when the step already replies
         */
        public Builder failWith(int status) {
            draft.fail(status, null, null);
            return this;
        }

        /**
         * Fails with HTTP {@code status} and an explicit error kind, e.g. {@code failWith(400,
         * ErrorKind.CONTEXT_WINDOW_EXCEEDED)}.
         *
         * @param status the HTTP status
         * @param kind the error kind the failure is reported as
         * @return this builder
         * @throws IllegalArgumentException unless 400..599
         * @throws IllegalStateException when the step already replies
         */
        public Builder failWith(int status, ErrorKind kind) {
            draft.fail(status, Objects.requireNonNull(kind, "kind"), null);
            return this;
        }

        /**
         * Sends {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms} with the failure.
         *
         * @param retryAfter the delay to ask for
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @throws IllegalStateException when the step does not fail
         */
        public Builder retryAfter(Duration retryAfter) {
            draft.retryAfter(retryAfter);
            return this;
        }

        /**
         * Waits (for real, on the server) before sending the status line: drives timeouts.
         *
         * @param delay the wait
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder delay(Duration delay) {
            draft.delay(delay);
            return this;
        }

        /**
         * Streams the text in pieces of {@code chars} characters (by default, one word per event).
         *
         * @param chars characters per event
         * @return this builder
         * @throws IllegalArgumentException unless positive
         * @throws IllegalStateException when the step fails
         */
        public Builder chunkSize(int chars) {
            draft.chunkSize(chars);
            return this;
        }

        /**
         * Waits (for real) between streamed events: drives between-events timeouts.
         *
         * @param delay the wait between events
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @throws IllegalStateException when the step fails
         */
        public Builder eventDelay(Duration delay) {
            draft.eventDelay(delay);
            return this;
        }

        /**
         * Ends the stream cleanly after {@code events} events, without its end marker, so the decoder reports a
         * cut stream. A non-streamed answer is cut mid-body instead (the connection closes early).
         *
         * @param events how many events to send first
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @throws IllegalStateException when the step fails
         */
        public Builder cutAfter(int events) {
            draft.cutAfter(events);
            return this;
        }

        /**
         * Sends an event whose data is not JSON after {@code events} good ones (a non-streamed body is not JSON).
         *
         * @param events how many good events to send first
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @throws IllegalStateException when the step fails
         */
        public Builder malformedAfter(int events) {
            draft.malformedAfter(events);
            return this;
        }

        /**
         * Sends an in-stream {@code error} event of the kind HTTP {@code status} implies after {@code events} events
         * (as Anthropic's mid-stream {@code overloaded_error}). A non-streamed answer fails with {@code status}.
         *
         * @param events how many events to send first
         * @param status the HTTP status whose error kind the event carries, 400..599
         * @return this builder
         * @throws IllegalArgumentException when {@code events} is negative or {@code status} not 400..599
         * @throws IllegalStateException when the step fails
         */
        public Builder errorAfter(int events, int status) {
            draft.errorAfter(events, status);
            return this;
        }

        /**
         * Repeats the current step {@code times} times in all.
         *
         * @param times how many calls the step answers
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder times(int times) {
            if (times <= 0) throw new IllegalArgumentException("times must be positive, was " + times);
            repeat = times;
            return this;
        }

        /**
         * Ends the current step and starts the next.
         *
         * @return this builder
         * @throws IllegalStateException when the current step neither replies nor fails
         */
        public Builder then() {
            commit();
            draft = new Step.Draft(steps.size() + 1);
            return this;
        }

        /**
         * Starts over after the last step instead of repeating it.
         *
         * @return this builder
         */
        public Builder cycle() {
            cycle = true;
            return this;
        }

        /**
         * Ends the last step and builds the script.
         *
         * @return the script
         * @throws IllegalStateException when a step neither replies nor fails
         */
        public Script build() {
            commit();
            return new Script(name, steps, cycle);
        }

        private void commit() {
            Step step = draft.build();
            if (!step.fails()
                    && step.text() == null
                    && !step.echo()
                    && step.reasoning() == null
                    && step.toolCalls().isEmpty()
                    && step.finish() == null) {
                throw new IllegalStateException(
                        "step " + (steps.size() + 1) + " of script '" + name + "' neither replies nor fails");
            }
            for (int i = 0; i < repeat; i++) steps.add(step);
            repeat = 1;
        }
    }
}
