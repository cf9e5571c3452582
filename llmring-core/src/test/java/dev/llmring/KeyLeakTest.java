package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs faults with a recognisable key (one from the builder, one from the environment) and asserts the key shows up
 * in no log line (llmring logs at TRACE in tests, captured here), no exception message, no {@code toString()}.
 */
class KeyLeakTest extends WireMockSupport {
    private static final String SECRET = "test-key-DO-NOT-LEAK-42";
    private static final String ENV_SECRET = "test-key-FROM-ENV-DO-NOT-LEAK-43";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<Object> shown = new ArrayList<>();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        originalOut = System.out;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(tee);
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private LlmRing.Builder leakyRing() {
        return ring().apiKey("a", SECRET)
                .apiKey("b", SECRET)
                .environment(Map.of("D_TEST_KEY", ENV_SECRET)::get)
                .provider(new TestProvider("d"))
                .baseUrl("d", base());
    }

    private void record(Throwable t) {
        shown.add(t.getMessage());
        shown.add(t.toString());
        if (t instanceof LlmRingException e) {
            shown.add(e.details());
            e.trace().ifPresent(shown::add);
        }
        for (Throwable s : t.getSuppressed()) record(s);
        if (t.getCause() != null) record(t.getCause());
    }

    private static String echo(String status, String key) {
        return "{\"error\":{\"type\":\"" + status + "\",\"message\":\"Incorrect API key provided: " + key + "\"}}";
    }

    @Test
    void noKeyAppearsInLogsExceptionsOrToString() throws Exception {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(401).withBody(echo("auth", SECRET))));
        server.stubFor(post("/b/chat")
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("x-test-request-id", SECRET)
                        .withBody(echo("server", SECRET))));
        server.stubFor(post("/d/chat").willReturn(aResponse().withStatus(403).withBody(echo("auth", ENV_SECRET))));
        aliases.bind("chat", "a:m1", "b:m2", "d:m3");
        try (LlmRing ring = leakyRing().build()) {
            shown.add(ring);
            record(assertThrows(LlmRingException.class, () -> ring.chat(request("chat"))));
            server.stubFor(post("/a/chat")
                    .willReturn(sseAnswer("data: {\"text\":\"" + SECRET + "\"}\n\ndata: {oops " + SECRET + "\n\n")));
            try (ChatStream stream = ring.stream(request("a:m1"))) {
                shown.add(stream);
                record(assertThrows(StreamException.class, stream::response));
            }
            server.stubFor(post("/a/chat")
                    .willReturn(sseAnswer("event: error\ndata: " + echo("overloaded", SECRET) + "\n\n")));
            record(assertThrows(LlmRingException.class, () -> ring.stream(request("a:m1"))));
        }
        try (StallingServer stalling = new StallingServer("");
                LlmRing ring = leakyRing()
                        .baseUrl("a", stalling.base())
                        .clock(Clock.systemUTC())
                        .timeouts(
                                Timeouts.defaults().toBuilder().attempt(ms(100)).build())
                        .build()) {
            record(assertThrows(LlmRingTimeoutException.class, () -> ring.chat(request("a:m1"))));
        }
        try (LlmRing ring = leakyRing()
                .baseUrl("a", java.net.URI.create("http://127.0.0.1:1"))
                .build()) {
            record(assertThrows(ConnectionException.class, () -> ring.chat(request("a:m1"))));
        }
        System.err.flush();
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("Authorization=<redacted>"), "TRACE lines were captured:\n" + logs);
        assertTrue(logs.contains("WARN"), "the auth failover was logged at WARN");
        for (String key : List.of(SECRET, ENV_SECRET)) {
            assertFalse(logs.contains(key), "a log line shows the key:\n" + logs);
            for (Object o : shown) {
                assertFalse(String.valueOf(o).contains(key), "shown: " + o);
            }
        }
    }
}
