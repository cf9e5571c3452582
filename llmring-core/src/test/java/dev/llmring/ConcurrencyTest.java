package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One client serves many callers at once. */
class ConcurrencyTest extends WireMockSupport {

    @Test
    void concurrentCallsAreServedIndependently() throws Exception {
        server.stubFor(post("/a/chat").willReturn(answer("from-a").withFixedDelay(20)));
        server.stubFor(post("/b/chat").willReturn(sseAnswer(sse("{\"text\":\"from-b\"}", "{\"finish\":\"stop\"}"))));
        try (LlmRing ring = ring().build()) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                results.add(ring.chatAsync(request("a:m1")).thenApply(ChatResponse::text));
                results.add(CompletableFuture.supplyAsync(() -> {
                    try (ChatStream s = ring.stream(request("b:m1"))) {
                        return s.response().text();
                    }
                }));
            }
            int a = 0;
            int b = 0;
            for (CompletableFuture<String> r : results) {
                String text = r.get(30, TimeUnit.SECONDS);
                if (text.equals("from-a")) a++;
                if (text.equals("from-b")) b++;
            }
            assertEquals(24, a);
            assertEquals(24, b);
        }
    }
}
