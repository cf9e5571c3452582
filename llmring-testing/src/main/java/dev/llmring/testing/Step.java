package dev.llmring.testing;

import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One scripted answer: either a failure ({@code failStatus != 0}) or a reply, plus how to deliver it. Built through
 * {@link Draft}, which validates each setting at once; immutable once built.
 */
record Step(
        @Nullable String text,
        boolean echo,
        @Nullable String reasoning,
        List<ScriptedToolCall> toolCalls,
        @Nullable String finish,
        @Nullable Usage usage,
        int failStatus,
        @Nullable ErrorKind failKind,
        @Nullable String failMessage,
        @Nullable Duration retryAfter,
        Duration delay,
        int chunkSize,
        Duration eventDelay,
        int cutAfter,
        int malformedAfter,
        int errorAfter,
        int errorStatus) {

    /** No event limit set. */
    static final int NONE = -1;

    Step {
        toolCalls = List.copyOf(toolCalls);
    }

    boolean fails() {
        return failStatus != 0;
    }

    /** A tool call a step answers with; {@code id} generated when not given. */
    record ScriptedToolCall(@Nullable String id, String name, String argumentsJson) {
        ScriptedToolCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /** The step being built; each setter validates its value and its compatibility with the step's kind. */
    static final class Draft {
        private final int number;
        private @Nullable String text;
        private boolean echo;
        private @Nullable String reasoning;
        private final List<ScriptedToolCall> toolCalls = new ArrayList<>();
        private @Nullable String finish;
        private @Nullable Usage usage;
        private int failStatus;
        private @Nullable ErrorKind failKind;
        private @Nullable String failMessage;
        private @Nullable Duration retryAfter;
        private Duration delay = Duration.ZERO;
        private int chunkSize;
        private Duration eventDelay = Duration.ZERO;
        private int cutAfter = NONE;
        private int malformedAfter = NONE;
        private int errorAfter = NONE;
        private int errorStatus;

        Draft(int number) {
            this.number = number;
        }

        private void requireReply(String what) {
            if (failStatus != 0) {
                throw new IllegalStateException("step " + number + " fails with " + failStatus + "; " + what
                        + " belongs to a reply: call then() to start a new step");
            }
        }

        private boolean hasReply() {
            return text != null
                    || echo
                    || reasoning != null
                    || !toolCalls.isEmpty()
                    || finish != null
                    || usage != null
                    || chunkSize != 0
                    || cutAfter != NONE
                    || malformedAfter != NONE
                    || errorAfter != NONE
                    || !eventDelay.isZero();
        }

        void text(String text) {
            Objects.requireNonNull(text, "text");
            requireReply("reply text");
            if (echo) throw new IllegalStateException("step " + number + " already echoes the prompt");
            this.text = this.text == null ? text : this.text + text;
        }

        void echo() {
            requireReply("echo");
            if (text != null) throw new IllegalStateException("step " + number + " already has reply text");
            echo = true;
        }

        void reasoning(String reasoning) {
            Objects.requireNonNull(reasoning, "reasoning");
            requireReply("reasoning");
            this.reasoning = reasoning;
        }

        void toolCall(@Nullable String id, String name, String argumentsJson) {
            requireReply("a tool call");
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException(
                        "tool name must be 1-64 letters, digits, '_' or '-', was '" + name + "'");
            }
            toolCalls.add(new ScriptedToolCall(id, name, argumentsJson));
        }

        void finish(String raw) {
            Objects.requireNonNull(raw, "raw");
            requireReply("a finish reason");
            if (raw.isBlank()) throw new IllegalArgumentException("finish reason must not be blank");
            this.finish = raw;
        }

        void usage(Usage usage) {
            requireReply("usage");
            this.usage = Objects.requireNonNull(usage, "usage");
        }

        void fail(int status, @Nullable ErrorKind kind, @Nullable String message) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("failure status must be 400..599, was " + status);
            }
            if (hasReply()) {
                throw new IllegalStateException("step " + number + " already replies; call then() to start a new step");
            }
            this.failStatus = status;
            this.failKind = kind;
            this.failMessage = message;
        }

        void retryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative())
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            if (failStatus == 0) {
                throw new IllegalStateException("retryAfter belongs to a failure: call failWith(status) first");
            }
            this.retryAfter = retryAfter;
        }

        void delay(Duration delay) {
            this.delay = nonNegative(delay, "delay");
        }

        void chunkSize(int chars) {
            requireReply("chunking");
            if (chars <= 0) throw new IllegalArgumentException("chunk size must be positive, was " + chars);
            this.chunkSize = chars;
        }

        void eventDelay(Duration eventDelay) {
            requireReply("an event delay");
            this.eventDelay = nonNegative(eventDelay, "eventDelay");
        }

        void cutAfter(int events) {
            requireReply("a stream cut");
            this.cutAfter = count(events, "cutAfter");
        }

        void malformedAfter(int events) {
            requireReply("a malformed event");
            this.malformedAfter = count(events, "malformedAfter");
        }

        void errorAfter(int events, int status) {
            requireReply("a stream error");
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("stream error status must be 400..599, was " + status);
            }
            this.errorAfter = count(events, "errorAfter");
            this.errorStatus = status;
        }

        private static int count(int events, String what) {
            if (events < 0) throw new IllegalArgumentException(what + " must not be negative, was " + events);
            return events;
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) throw new IllegalArgumentException(what + " must not be negative, was " + d);
            return d;
        }

        Step build() {
            return new Step(
                    text,
                    echo,
                    reasoning,
                    toolCalls,
                    finish,
                    usage,
                    failStatus,
                    failKind,
                    failMessage,
                    retryAfter,
                    delay,
                    chunkSize,
                    eventDelay,
                    cutAfter,
                    malformedAfter,
                    errorAfter,
                    errorStatus);
        }
    }
}
