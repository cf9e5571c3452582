package dev.llmring.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.verification.NearMiss;
import dev.llmring.ChatResponse;
import dev.llmring.FinishReason;
import dev.llmring.LlmRingException;
import dev.llmring.RoutingTrace;
import dev.llmring.StreamEvent;
import dev.llmring.ToolCall;
import dev.llmring.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/** The assertions the contract's scenarios share. */
final class Checks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Checks() {}

    /** A streamed answer: the events as the caller received them, and the response assembled from them. */
    record Streamed(List<StreamEvent> events, ChatResponse response) {
        String text() {
            return events.stream()
                    .filter(StreamEvent.TextDelta.class::isInstance)
                    .map(e -> ((StreamEvent.TextDelta) e).text())
                    .collect(Collectors.joining());
        }

        <T extends StreamEvent> List<T> all(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static void finish(FinishReason expected, FinishReason actual) {
        assertTrue(actual.is(expected), "finish reason of kind " + expected.kind() + " expected, was " + actual);
    }

    static void usage(ChatResponse response, long input, long output, long cached, long reasoning) {
        Usage u = response.usage().orElseThrow(() -> new AssertionFailedError("the response has no usage"));
        assertEquals(input, u.inputTokens(), "input tokens");
        assertEquals(output, u.outputTokens(), "output tokens");
        assertEquals(input + output, u.totalTokens(), "total tokens");
        assertEquals(cached, u.cachedInputTokens(), "cached input tokens");
        assertEquals(reasoning, u.reasoningTokens(), "reasoning tokens");
    }

    /** Usage is reported before the finish, and the finish (of the expected kind) is the last event. */
    static void endsWithUsageThenFinish(Checks.Streamed s, FinishReason expected) {
        List<StreamEvent> events = s.events();
        assertFalse(events.isEmpty(), "the stream delivered no event");
        StreamEvent last = events.get(events.size() - 1);
        finish(
                expected,
                assertInstanceOf(StreamEvent.Finish.class, last, "the last event is the finish")
                        .reason());
        assertEquals(1, s.all(StreamEvent.Finish.class).size(), "exactly one finish event");
        assertFalse(s.all(StreamEvent.UsageReport.class).isEmpty(), "the stream reported usage");
    }

    /** {@code actual} is JSON equal to {@code expected} (key order and spacing aside). */
    static void json(String expected, String actual) {
        assertEquals(parse(expected), parse(actual), () -> "JSON expected: " + expected + ", was: " + actual);
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionFailedError("not JSON: " + json, e);
        }
    }

    /** The script's two calls: get_weather then get_time, their arguments parsed, distinct non-blank ids. */
    static void theTwoToolCalls(List<ToolCall> calls) {
        assertEquals(
                List.of(ContractScript.WEATHER_TOOL.name(), ContractScript.TIME_TOOL.name()),
                calls.stream().map(ToolCall::name).toList(),
                "tool call names, in order");
        assertEquals(Map.of("location", "Paris"), calls.get(0).arguments(), "get_weather arguments");
        assertEquals(Map.of("timezone", "Europe/Paris"), calls.get(1).arguments(), "get_time arguments");
        assertFalse(calls.get(0).id().isBlank(), "tool call id");
        assertFalse(calls.get(1).id().isBlank(), "tool call id");
        assertNotEquals(calls.get(0).id(), calls.get(1).id(), "tool call ids are distinct");
    }

    /**
     * For every tool call of a stream: a start, then argument deltas, then its completion, with the start's id and
     * name, and the deltas joined equal to the completed arguments.
     *
     * @return the completed calls in index order
     */
    static List<ToolCall> toolCallEvents(List<StreamEvent> events) {
        Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
        Map<Integer, StreamEvent.ToolCallStart> starts = new LinkedHashMap<>();
        Map<Integer, ToolCall> completed = new TreeMap<>();
        Map<Integer, Integer> deltas = new LinkedHashMap<>();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.ToolCallStart s) {
                if (starts.put(s.index(), s) != null) fail("a second start for tool call " + s.index());
                arguments.put(s.index(), new StringBuilder());
            } else if (e instanceof StreamEvent.ToolCallDelta d) {
                StringBuilder sb = arguments.get(d.index());
                if (sb == null || completed.containsKey(d.index())) {
                    fail("an argument delta for tool call " + d.index() + " outside its start and completion");
                }
                sb.append(d.argumentsFragment());
                deltas.merge(d.index(), 1, Integer::sum);
            } else if (e instanceof StreamEvent.ToolCallComplete c) {
                StreamEvent.ToolCallStart s = starts.get(c.index());
                if (s == null) fail("tool call " + c.index() + " completed without a start");
                if (completed.put(c.index(), c.call()) != null) fail("tool call " + c.index() + " completed twice");
                assertEquals(s.id(), c.call().id(), "the completed call keeps the start's id");
                assertEquals(s.name(), c.call().name(), "the completed call keeps the start's name");
                assertTrue(deltas.getOrDefault(c.index(), 0) >= 1, "tool call " + c.index() + " had argument deltas");
                json(c.call().argumentsJson(), arguments.get(c.index()).toString());
            }
        }
        assertEquals(starts.keySet(), completed.keySet(), "every started tool call completed");
        return new ArrayList<>(completed.values());
    }

    /** The key appears nowhere in what the failure tells: message, cause, suppressed failures, trace, details. */
    static void noKeyIn(LlmRingException e, String key) {
        List<Throwable> all = new ArrayList<>();
        all.add(e);
        if (e.getCause() != null) all.add(e.getCause());
        all.addAll(List.of(e.getSuppressed()));
        for (Throwable t : all) {
            assertFalse(String.valueOf(t).contains(key), () -> "the API key leaked into " + t);
            if (t instanceof LlmRingException l) {
                assertFalse(l.details().toString().contains(key), "the API key leaked into the details");
                l.trace()
                        .ifPresent(tr -> assertFalse(tr.toString().contains(key), "the API key leaked into the trace"));
            }
        }
    }

    /** One line per attempt: {@code provider:model #n OUTCOME [ErrorClass] [status]}. */
    static List<String> steps(RoutingTrace trace) {
        return trace.attempts().stream()
                .map(a -> a.binding() + " #" + a.number() + " " + a.outcome()
                        + a.error().map(e -> " " + e).orElse("") + (a.status() == 0 ? "" : " " + a.status()))
                .toList();
    }

    /** When a request matched no stub, the scenario fails with WireMock's near misses instead of {@code cause}. */
    static void failOnUnmatched(WireMockServer server, Throwable cause) {
        List<LoggedRequest> unmatched = server.findAllUnmatchedRequests();
        if (unmatched.isEmpty()) return;
        StringBuilder sb = new StringBuilder("a request matched no stub of the scenario:");
        for (LoggedRequest r : unmatched) {
            sb.append("\n  ").append(r.getMethod()).append(' ').append(r.getUrl());
            List<NearMiss> misses = server.findTopNearMissesFor(r).getNearMisses();
            if (!misses.isEmpty()) sb.append("\n").append(misses.get(0).getDiff());
        }
        throw new AssertionFailedError(sb.toString(), cause);
    }
}
