package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the call path no longer copies per call still behaves as the copies did. */
class PerCallCopiesTest {
    private static final RoutingTrace TRACE = new RoutingTrace("chat", "default", List.of(), "a:m");

    private static ChatResponse response() {
        return ChatResponse.builder()
                .text("hello")
                .reasoning("because")
                .toolCalls(List.of(new ToolCall("call_1", "lookup", "{}")))
                .finishReason(FinishReason.TOOL_CALLS)
                .usage(Usage.builder().inputTokens(10).outputTokens(2).build())
                .provider("a")
                .model("m")
                .requestId("req-1")
                .responseId("resp-1")
                .responseModel("m-2025")
                .latency(Duration.ofMillis(5))
                .timeToFirstEvent(Duration.ofMillis(1))
                .trace(TRACE)
                .build();
    }

    @Test
    void aResponseWithItsCostKeepsEveryOtherValue() {
        ChatResponse before = response();
        Cost cost = Cost.unpriced(Cost.Status.NO_USAGE, "test");

        ChatResponse after = before.withCost(cost);

        assertEquals(Optional.of(cost), after.cost());
        assertEquals(Optional.empty(), before.cost(), "the response it came from is not changed");
        assertEquals(before.text(), after.text());
        assertEquals(before.reasoning(), after.reasoning());
        assertEquals(before.reasoningParts(), after.reasoningParts());
        assertEquals(before.toolCalls(), after.toolCalls());
        assertEquals(before.finishReason(), after.finishReason());
        assertEquals(before.usage(), after.usage());
        assertEquals(before.binding(), after.binding());
        assertEquals(before.requestId(), after.requestId());
        assertEquals(before.responseId(), after.responseId());
        assertEquals(before.responseModel(), after.responseModel());
        assertEquals(before.latency(), after.latency());
        assertEquals(before.timeToFirstEvent(), after.timeToFirstEvent());
        assertSame(before.trace(), after.trace());
        assertSame(before.timing(), after.timing());
    }

    @Test
    void headerLookupsIgnoreCase() {
        HttpHeaders headers = HttpHeaders.of(
                Map.of("Content-Length", List.of("1024"), "X-Request-Id", List.of("req_1", "req_2")), (k, v) -> true);

        assertEquals("req_1", Transport.firstValue(headers, "x-request-id"));
        assertNull(Transport.firstValue(headers, "retry-after"));
        assertEquals(1024, Transport.contentLength(headers));
        assertEquals(-1, Transport.contentLength(HttpHeaders.of(Map.of(), (k, v) -> true)));
        assertEquals(
                -1, Transport.contentLength(HttpHeaders.of(Map.of("content-length", List.of("x")), (k, v) -> true)));
    }

    @Test
    void noListenersIsOneThatDoesNothing() {
        LlmRingListener none = Listeners.of(List.of());

        assertTrue(!(none instanceof Listeners));
        assertSame(none, Listeners.of(List.of()));
        assertTrue(Listeners.of(List.of(new LlmRingListener() {})) instanceof Listeners);
    }
}
