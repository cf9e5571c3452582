package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceRecorderTest {
    private static final Target A = new Target("a", "m1");
    private static final Target B = new Target("b", "m2");
    private static final URI A_URI = URI.create("https://a.example");
    private static final URI B_URI = URI.create("https://b.example");

    private static LlmRingException failure() {
        return new ProviderUnavailableException("down", ErrorDetails.of("a", "m1"));
    }

    @Test
    void everyAttemptNamesTheEndpointOfItsOwnBindingAcrossFailovers() {
        TraceRecorder trace = new TraceRecorder("chat", "default");

        trace.endpoint(A, A_URI);
        RoutingTrace.Attempt a1 = trace.failed(A, 1, failure(), Duration.ZERO);
        trace.endpoint(B, B_URI);
        RoutingTrace.Attempt b1 = trace.failed(B, 1, failure(), Duration.ZERO);
        RoutingTrace.Attempt a2 = trace.failed(A, 2, failure(), Duration.ZERO);
        RoutingTrace.Attempt b2 = trace.succeeded(B, 2, Duration.ZERO);

        assertEquals(Optional.of(A_URI), a1.endpoint());
        assertEquals(Optional.of(B_URI), b1.endpoint());
        assertEquals(Optional.of(A_URI), a2.endpoint());
        assertEquals(Optional.of(B_URI), b2.endpoint());
    }

    @Test
    void aBindingEncodedAgainTakesItsNewEndpointAndOneNeverEncodedHasNone() {
        TraceRecorder trace = new TraceRecorder("chat", "default");
        URI moved = URI.create("https://a2.example");

        trace.endpoint(A, A_URI);
        trace.endpoint(B, B_URI);
        trace.endpoint(A, moved);

        assertEquals(Optional.of(moved), trace.succeeded(A, 1, Duration.ZERO).endpoint());
        assertEquals(Optional.of(B_URI), trace.succeeded(B, 1, Duration.ZERO).endpoint());
        assertEquals(
                Optional.empty(),
                trace.succeeded(new Target("c", "m3"), 1, Duration.ZERO).endpoint());
    }
}
