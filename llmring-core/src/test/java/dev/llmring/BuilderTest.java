package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.spi.HttpCall;
import dev.llmring.spi.WireFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Building a client: keys, base URLs, compatible providers, validation, sharing, closing. */
class BuilderTest extends WireMockSupport {

    private LlmRing.Builder bare(Map<String, String> env) {
        return LlmRing.builder()
                .discoverProviders(false)
                .environment(env::get)
                .provider(new TestProvider("a"))
                .baseUrl("a", base())
                .clock(time)
                .sleeper(time)
                .noRegistry();
    }

    @Test
    void theApiKeyComesFromTheFactorysEnvironmentVariable() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        try (LlmRing ring = bare(Map.of("A_TEST_KEY", "test-key-env")).build()) {
            ring.chat(request("a:m1"));
        }
        server.verify(
                postRequestedFor(urlEqualTo("/a/chat")).withHeader("Authorization", equalTo("Bearer test-key-env")));
    }

    @Test
    void aBuilderKeyWinsOverTheEnvironment() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        try (LlmRing ring = bare(Map.of("A_TEST_KEY", "test-key-env"))
                .apiKey("a", "test-key-builder")
                .build()) {
            ring.chat(request("a:m1"));
        }
        server.verify(postRequestedFor(urlEqualTo("/a/chat"))
                .withHeader("Authorization", equalTo("Bearer test-key-builder")));
    }

    @Test
    void aCompatibleProviderSpeaksTheProtocolUnderItsOwnNameAndKey() {
        server.stubFor(post("/my-llm/chat").willReturn(answer("compatible")));
        try (LlmRing ring = bare(Map.of("MY_LLM_API_KEY", "test-key-compat"))
                .compatibleProvider("my-llm", "a", base())
                .build()) {
            ChatResponse r = ring.chat(request("my-llm:some-model"));
            assertEquals("compatible", r.text());
            assertEquals("my-llm", r.provider());
        }
        server.verify(postRequestedFor(urlEqualTo("/my-llm/chat"))
                .withHeader("Authorization", equalTo("Bearer test-key-compat")));
    }

    @Test
    void aCompatibleProviderOfAnUnknownProtocolFailsTheBuild() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> bare(Map.of()).compatibleProvider("x", "nosuch", base()).build());
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }

    @Test
    void settersRejectBadValuesAtOnceNamingThem() {
        LlmRing.Builder b = LlmRing.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.baseUrl("a", URI.create("/relative")))
                .getMessage()
                .contains("/relative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.apiKey("OpenAI", "k"))
                .getMessage()
                .contains("OpenAI"));
        assertThrows(IllegalArgumentException.class, () -> b.apiKey("a", " "));
        assertThrows(IllegalArgumentException.class, () -> b.profile(""));
        assertThrows(NullPointerException.class, () -> b.timeouts(null));
    }

    @Test
    void aMalformedKeyInTheEnvironmentMakesItsBindingsUnusableNamingTheVariable() {
        try (LlmRing ring = bare(Map.of("A_TEST_KEY", "test key with spaces")).build()) {
            NoUsableBindingException e = assertThrows(NoUsableBindingException.class, () -> ring.chat(request("a:m1")));
            assertTrue(e.getMessage().contains("A_TEST_KEY"), e.getMessage());
            assertFalse(e.getMessage().contains("with spaces"), e.getMessage());
        }
    }

    @Test
    void derivedClientsShareTheHttpClientUnlessTheConnectTimeoutDiffers() {
        try (LlmRing ring = bare(Map.of()).build();
                LlmRing derived =
                        ring.toBuilder().retryPolicy(RetryPolicy.none()).build();
                LlmRing other = ring.toBuilder()
                        .timeouts(Timeouts.defaults().toBuilder()
                                .connect(Duration.ofSeconds(1))
                                .build())
                        .build()) {
            assertSame(ring.httpClient(), derived.httpClient());
            assertNotSame(ring.httpClient(), other.httpClient());
        }
    }

    @Test
    void aDerivedClientOutlivesTheClientItCameFrom() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        LlmRing ring = bare(Map.of("A_TEST_KEY", "test-key-1")).build();
        try (LlmRing derived = ring.toBuilder().build()) {
            ring.close();
            assertEquals("x", derived.chat(request("a:m1")).text());
        }
    }

    @Test
    void aClosedClientRefusesCallsAndClosingTwiceIsHarmless() {
        LlmRing ring = bare(Map.of()).build();
        ring.close();
        ring.close();
        assertThrows(IllegalStateException.class, () -> ring.chat(request("a:m1")));
        assertThrows(IllegalStateException.class, () -> ring.chatAsync(request("a:m1")));
        assertThrows(IllegalStateException.class, () -> ring.stream(request("a:m1")));
    }

    @Test
    void theProfileComesFromTheBuilderElseLlmringProfileElseDefault() {
        try (LlmRing a = bare(Map.of()).build();
                LlmRing b = bare(Map.of("LLMRING_PROFILE", "prod")).build();
                LlmRing c =
                        bare(Map.of("LLMRING_PROFILE", "prod")).profile("dev").build()) {
            assertEquals("default", a.profile());
            assertEquals("prod", b.profile());
            assertEquals("dev", c.profile());
        }
    }

    @Test
    void withoutALockfileOnlyProviderModelReferencesResolve() {
        try (LlmRing ring = bare(Map.of("A_TEST_KEY", "test-key-1")).build()) {
            NoUsableBindingException e =
                    assertThrows(NoUsableBindingException.class, () -> ring.chat(request("summarizer")));
            assertTrue(e.getMessage().contains("lockfile"), e.getMessage());
        }
    }

    @Test
    void toStringNamesProfileAndProvidersButNoKey() {
        try (LlmRing ring = bare(Map.of("A_TEST_KEY", "test-key-secret-1")).build()) {
            assertEquals("LlmRing[profile=default, providers=[a]]", ring.toString());
        }
    }

    @Test
    void plainHttpIsSentAsHttp11AndHttpsMayNegotiate() {
        Transport t = new Transport(HttpClient.newHttpClient());
        HttpCall http = HttpCall.post(URI.create("http://127.0.0.1/x"), Map.of(), new byte[0]);
        HttpCall https = HttpCall.post(URI.create("https://example.com/x"), Map.of(), new byte[0]);
        assertEquals(
                Optional.of(HttpClient.Version.HTTP_1_1),
                t.request(http, false, WireFormat.SSE).version());
        assertEquals(Optional.empty(), t.request(https, false, WireFormat.SSE).version());
        assertEquals(
                Optional.of("text/event-stream"),
                t.request(http, true, WireFormat.SSE).headers().firstValue("Accept"));
    }
}
