package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.RegistryFiles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.registry.ModelPolicy;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks made per binding before any HTTP, from the registry, the model policy and the budgets: each refusal is
 * a SKIPPED attempt in the trace with its reason, and a call no binding can take sends nothing.
 */
class PreflightWiringTest extends WireMockSupport {
    @TempDir
    Path dir;

    private RegistryFiles files;

    @BeforeEach
    void registry() {
        files = new RegistryFiles(dir)
                .current(
                        "a",
                        model(
                                "m1",
                                100,
                                100,
                                4_000,
                                1_000,
                                "\"supports_vision\": false",
                                "\"supports_streaming\": false"))
                .current("b", model("m2", 1, 1, 4_000, 1_000, "\"supports_vision\": true"))
                .current("c", model("m3", 1, 1, 200_000, 1_000));
        server.stubFor(post("/a/chat").willReturn(answer("from-a")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        server.stubFor(post("/c/chat").willReturn(answer("from-c")));
        aliases.bind("chat", "a:m1", "b:m2");
    }

    private LlmRing.Builder withRegistry() {
        return ring().registry(files.registry());
    }

    private static RoutingTrace.Attempt skipOf(ChatResponse r) {
        RoutingTrace.Attempt first = r.trace().attempts().get(0);
        assertEquals(
                RoutingTrace.Attempt.Outcome.SKIPPED, first.outcome(), r.trace().toString());
        return first;
    }

    private static ChatRequest longRequest(String model, int chars) {
        return ChatRequest.builder(model).user("x".repeat(chars)).build();
    }

    @Test
    void aModelThePolicyDeniesIsSkippedWithTheReasonInTheTrace() {
        try (LlmRing ring = withRegistry()
                .modelPolicy(ModelPolicy.builder().deny("a:*").build())
                .build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("denied by pattern 'a:*'"),
                    r.trace().toString());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void theEnvironmentsDeniedModelsApplyWithoutARegistry() {
        try (LlmRing ring =
                ring().environment(Map.of("LLMRING_DENIED_MODELS", "a:m1")::get).build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("a:m1 is denied"),
                    r.trace().toString());
        }
    }

    @Test
    void theEnvironmentNarrowsTheBuildersAllowList() {
        try (LlmRing ring = withRegistry()
                .modelPolicy(ModelPolicy.builder().allow("a:*", "b:*").build())
                .environment(Map.of("LLMRING_ALLOWED_MODELS", "b:*")::get)
                .build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("LLMRING_ALLOWED_MODELS"),
                    r.trace().toString());
        }
    }

    @Test
    void anImageRequestSkipsAModelTheRegistrySaysCannotSee() {
        ChatRequest look = ChatRequest.builder("chat")
                .message(
                        Message.user(ContentPart.text("What is this?"), ContentPart.image(new byte[] {1}, "image/png")))
                .build();
        try (LlmRing ring = withRegistry().build()) {
            ChatResponse r = ring.chat(look);
            assertEquals("from-b", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("does not support vision"),
                    r.trace().toString());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void aStreamSkipsAModelTheRegistrySaysCannotStream() {
        server.stubFor(post("/b/chat").willReturn(sseAnswer(sse("{\"text\":\"streamed\"}", "{\"finish\":\"stop\"}"))));
        try (LlmRing ring = withRegistry().build();
                ChatStream stream = ring.stream(request("chat"))) {
            ChatResponse r = stream.response();
            assertEquals("streamed", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("streaming"),
                    r.trace().toString());
        }
    }

    @Test
    void aRequestLargerThanTheContextWindowSkipsTheBinding() {
        aliases.bind("long", "a:m1", "c:m3");
        try (LlmRing ring = withRegistry().build()) {
            ChatResponse r = ring.chat(longRequest("long", 5_000 * 4));
            assertEquals("from-c", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("exceed the context window of 4000"),
                    r.trace().toString());
            assertEquals(
                    RoutingTrace.Attempt.Outcome.SUCCEEDED,
                    r.trace().attempts().get(1).outcome());
        }
    }

    @Test
    void afterAnEstimatedOverflowOnlyLargerWindowsAreTried() {
        aliases.bind("long", "a:m1", "b:m2", "c:m3");
        try (LlmRing ring = withRegistry().build()) {
            ChatResponse r = ring.chat(longRequest("long", 5_000 * 4));
            assertEquals("from-c", r.text());
            assertTrue(
                    r.trace().attempts().get(1).reason().orElseThrow().contains("not larger than the 4000"),
                    r.trace().toString());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/a/chat")));
        server.verify(0, postRequestedFor(urlEqualTo("/b/chat")));
    }

    @Test
    void withTheContextWindowCheckOffTheBindingIsCalledAnyway() {
        try (LlmRing ring = withRegistry().contextWindowCheck(false).build()) {
            assertEquals("from-a", ring.chat(longRequest("chat", 5_000 * 4)).text());
        }
    }

    @Test
    void afterAProviderOverflowOnlyBindingsWithALargerRegistryWindowAreTried() {
        server.stubFor(post("/a/chat").willReturn(error(400, "context_length")));
        aliases.bind("long", "a:m1", "b:m2", "c:m3");
        try (LlmRing ring = withRegistry().contextWindowCheck(false).build()) {
            ChatResponse r = ring.chat(request("long"));
            assertEquals("from-c", r.text());
            List<RoutingTrace.Attempt> attempts = r.trace().attempts();
            assertEquals(RoutingTrace.Attempt.Outcome.FAILED, attempts.get(0).outcome());
            assertTrue(
                    attempts.get(1).reason().orElseThrow().contains("not larger than the 4000 of a:m1"),
                    r.trace().toString());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/b/chat")));
    }

    @Test
    void aBindingOverTheCostLimitIsSkippedForACheaperOne() {
        try (LlmRing ring =
                withRegistry().maxCostPerCall(new BigDecimal("0.01")).build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("exceeds max_cost_usd_per_call = $0.01"),
                    r.trace().toString());
        }
        server.verify(0, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void whenNoBindingFitsTheBudgetTheCallFailsBeforeAnyRequest() {
        try (LlmRing ring =
                withRegistry().maxCostPerCall("chat", new BigDecimal("0.0001")).build()) {
            BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> ring.chat(request("chat")));
            assertTrue(e.getMessage().contains("a:m1") && e.getMessage().contains("b:m2"), e.getMessage());
            assertEquals(2, e.trace().orElseThrow().attempts().size());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLimitForAnotherAliasDoesNotApply() {
        try (LlmRing ring =
                withRegistry().maxCostPerCall("other", new BigDecimal("0.0001")).build()) {
            assertEquals("from-a", ring.chat(request("chat")).text());
        }
    }

    @Test
    void theLockfilesConstraintsRefuseBeforeTheCall() {
        Lockfile lock = Lockfile.parse(
                """
                [[profiles.default.bindings]]
                alias = "chat"
                models = ["a:m1", "b:m2"]
                constraints = { max_cost_usd_per_call = 0.0005 }
                """,
                Format.TOML,
                "test");
        try (LlmRing ring = withRegistry()
                .poolResolver(new LockfileResolver(lock, lock.profile("default")))
                .build()) {
            BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> ring.chat(request("chat")));
            assertTrue(e.getMessage().contains("max_cost_usd_per_call = $0.0005"), e.getMessage());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theLockfilesMaxInputTokensApplyWithoutARegistry() {
        Lockfile lock = Lockfile.parse(
                """
                [[profiles.default.bindings]]
                alias = "chat"
                models = ["a:m1"]
                constraints = { max_input_tokens = 100 }
                """,
                Format.TOML,
                "test");
        try (LlmRing ring = ring().poolResolver(new LockfileResolver(lock, lock.profile("default")))
                .build()) {
            assertThrows(BudgetExceededException.class, () -> ring.chat(longRequest("chat", 1_000)));
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMalformedLockfileConstraintFailsTheBuildNamingTheAlias() {
        Lockfile lock = Lockfile.parse(
                """
                [[profiles.default.bindings]]
                alias = "chat"
                models = ["a:m1"]
                constraints = { max_cost_usd_per_call = "lots" }
                """,
                Format.TOML,
                "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring().poolResolver(
                        new LockfileResolver(lock, lock.profile("default")))
                .build());
        assertTrue(e.getMessage().contains("'chat'") && e.getMessage().contains("lots"), e.getMessage());
    }

    @Test
    void strictPricingSkipsAModelTheRegistryDoesNotList() {
        aliases.bind("chat", "a:unlisted", "b:m2");
        try (LlmRing ring = withRegistry().strictPricing(true).build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertTrue(
                    skipOf(r).reason().orElseThrow().contains("strict"),
                    r.trace().toString());
        }
    }

    @Test
    void strictPricingWithoutARegistryRefusesEveryCall() {
        try (LlmRing ring = ring().strictPricing(true).build()) {
            assertThrows(BudgetExceededException.class, () -> ring.chat(request("chat")));
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPinnedSnapshotDecidesTheChecks() {
        files.document("a", 1, true, model("m1", 1, 1, 4_000, 1_000, "\"supports_vision\": true"));
        Lockfile lock = Lockfile.parse(
                """
                [[profiles.default.bindings]]
                alias = "chat"
                models = ["a:m1", "b:m2"]

                [profiles.default.registry_versions]
                a = 1
                """,
                Format.TOML,
                "test");
        ChatRequest look = ChatRequest.builder("chat")
                .message(Message.user(
                        ContentPart.text("What is this?"),
                        ContentPart.imageUrl(URI.create("https://images.example.com/x.png"))))
                .build();
        try (LlmRing ring = withRegistry()
                .provider(TestProvider.takingImageUrls("a"))
                .baseUrl("a", base())
                .poolResolver(new LockfileResolver(lock, lock.profile("default")))
                .build()) {
            assertEquals("from-a", ring.chat(look).text());
        }
    }

    @Test
    void settersRejectNegativeLimitsAndBlankAliases() {
        LlmRing.Builder b = LlmRing.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxCostPerCall(new BigDecimal("-1")))
                .getMessage()
                .contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> b.maxCostPerCall(" ", BigDecimal.ONE));
        assertThrows(NullPointerException.class, () -> b.registry(null));
        assertThrows(NullPointerException.class, () -> b.modelPolicy(null));
    }
}
