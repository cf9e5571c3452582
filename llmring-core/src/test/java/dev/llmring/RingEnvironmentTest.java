package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LLMRing's environment variables, read from an injected environment (never the process's). */
class RingEnvironmentTest {
    private static RingEnvironment env(String... pairs) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return new RingEnvironment(map::get);
    }

    @Test
    void providerTimeoutBoundsAnAttemptAndTheFirstStreamEvent() {
        Timeouts t = env("LLMRING_PROVIDER_TIMEOUT_S", "2.5").timeouts(null);

        assertEquals(Duration.ofMillis(2500), t.attempt());
        assertEquals(Duration.ofMillis(2500), t.streamFirstEvent());
        assertEquals(Timeouts.defaults().deadline(), t.deadline());
    }

    @Test
    void providerTimeoutNoneLeavesOnlyTheDeadline() {
        Timeouts t = env("LLMRING_PROVIDER_TIMEOUT_S", "None").timeouts(null);

        assertEquals(Timeouts.defaults().deadline(), t.attempt());
    }

    @Test
    void theBuildersTimeoutsWinOverTheEnvironment() {
        Timeouts set = Timeouts.builder().attempt(Duration.ofSeconds(7)).build();

        assertSame(set, env("LLMRING_PROVIDER_TIMEOUT_S", "2").timeouts(set));
    }

    @Test
    void anUnreadableTimeoutNamesTheVariableAndValue() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> env("LLMRING_PROVIDER_TIMEOUT_S", "soon")
                        .timeouts(null));

        assertTrue(e.getMessage().contains("LLMRING_PROVIDER_TIMEOUT_S"), e::getMessage);
        assertTrue(e.getMessage().contains("'soon'"), e::getMessage);
    }

    @Test
    void strictCostIsReadAsLlmRingReadsAFlag() {
        assertTrue(env("LLMRING_STRICT_COST", "yes").strictPricing(null));
        assertTrue(env("LLMRING_STRICT_COST", "1").strictPricing(null));
        assertFalse(env("LLMRING_STRICT_COST", "0").strictPricing(null));
        assertFalse(env().strictPricing(null));
    }

    @Test
    void theBuildersStrictPricingWinsOverTheEnvironment() {
        assertFalse(env("LLMRING_STRICT_COST", "true").strictPricing(false));
    }

    @Test
    void fetcherVariablesShapeTheDefaultPolicy() {
        RemoteUrlPolicy p = env(
                        "LLMRING_ALLOWED_HOSTS", "img.example.com, cdn.example.org",
                        "LLMRING_MAX_DOWNLOAD_SIZE_BYTES", "1024",
                        "LLMRING_CONNECT_TIMEOUT_S", "2.0",
                        "LLMRING_READ_TIMEOUT_S", "5",
                        "LLMRING_TOTAL_TIMEOUT_S", "10",
                        "LLMRING_INLINE_REMOTE_IMAGES", "on")
                .remoteUrls(null);

        assertEquals(Set.of("img.example.com", "cdn.example.org"), p.allowedHosts());
        assertEquals(1024, p.maxBytes());
        assertEquals(Duration.ofSeconds(2), p.connectTimeout());
        assertEquals(Duration.ofSeconds(5), p.readTimeout());
        assertEquals(Duration.ofSeconds(10), p.totalTimeout());
        assertTrue(p.inlineAlways());
        assertFalse(p.enabled()); // only LLMRING_ALLOW_REMOTE_URLS switches fetching on
    }

    @Test
    void theBuildersRemoteUrlPolicyWinsOverTheEnvironment() {
        RemoteUrlPolicy set = RemoteUrlPolicy.builder().maxBytes(10).build();

        assertSame(set, env("LLMRING_MAX_DOWNLOAD_SIZE_BYTES", "1024").remoteUrls(set));
    }

    @Test
    void aBadSizeCapFailsTheBuildNamingTheVariable() {
        LlmRing.Builder builder = LlmRing.builder()
                .environment(Map.of("LLMRING_MAX_DOWNLOAD_SIZE_BYTES", "lots")::get)
                .discoverProviders(false)
                .noRegistry();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(e.getMessage().contains("LLMRING_MAX_DOWNLOAD_SIZE_BYTES"), e::getMessage);
    }
}
