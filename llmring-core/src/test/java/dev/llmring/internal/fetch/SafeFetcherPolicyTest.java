package dev.llmring.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Switching fetching on and off, the host allowlist, and what a refusal message may show. */
class SafeFetcherPolicyTest {
    private final RecordingSocketOpener opener = RecordingSocketOpener.refusing();
    private final MapResolver resolver = new MapResolver()
            .with("images.example.com", "93.184.215.14")
            .with("cdn.images.example.com", "93.184.215.15")
            .with("other.example.com", "93.184.215.16")
            .with("internal.example.com", "10.1.2.3");

    private SafeFetcher fetcher(RemoteUrlPolicy policy, Map<String, String> env) {
        return SafeFetcher.builder(policy)
                .environment(env::get)
                .resolver(resolver)
                .socketOpener(opener)
                .build();
    }

    private SafeFetcher enabled(RemoteUrlPolicy.Builder policy) {
        return fetcher(policy.enabled(true).build(), Map.of());
    }

    private Rule refusal(SafeFetcher fetcher, String url) {
        return assertThrows(RemoteUrlRefusedException.class, () -> fetcher.fetch(URI.create(url)))
                .rule();
    }

    @Test
    void isOffByDefaultAndRefusesBeforeResolving() {
        SafeFetcher fetcher = fetcher(RemoteUrlPolicy.disabled(), Map.of());

        assertEquals(Rule.DISABLED, refusal(fetcher, "https://images.example.com/cat.png"));
        assertEquals(List.of(), resolver.asked());
        assertEquals(List.of(), opener.attempts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "1", "yes", "on"})
    void environmentSwitchesFetchingOn(String value) {
        assertTrue(fetcher(RemoteUrlPolicy.disabled(), Map.of(SafeFetcher.ALLOW_ENV, value))
                .enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "", "no", "off", "maybe"})
    void environmentLeavesFetchingOffForOtherValues(String value) {
        assertFalse(fetcher(RemoteUrlPolicy.disabled(), Map.of(SafeFetcher.ALLOW_ENV, value))
                .enabled());
    }

    @Test
    void environmentSwitchedOnStillChecksAddresses() {
        SafeFetcher fetcher = fetcher(RemoteUrlPolicy.disabled(), Map.of(SafeFetcher.ALLOW_ENV, "true"));

        assertEquals(Rule.NON_PUBLIC_ADDRESS, refusal(fetcher, "https://internal.example.com/cat.png"));
    }

    @Test
    void publicAddressReachesTheSocketOpener() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder());

        assertEquals(Rule.CONNECTION_FAILED, refusal(fetcher, "https://images.example.com/cat.png"));
        assertEquals(List.of(new InetSocketAddress("93.184.215.14", 443)), opener.attempts());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://8.8.8.8/a.png",
                "https://134744072/a.png",
                "https://[2606:4700::1111]/a.png",
                "https://[64:ff9b::808:808]/a.png",
                "https://[::ffff:8.8.8.8]/a.png"
            })
    void publicIpLiteralReachesTheSocketOpenerWithoutDns(String url) {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder());

        assertEquals(Rule.CONNECTION_FAILED, refusal(fetcher, url));
        assertEquals(1, opener.attempts().size());
        assertEquals(List.of(), resolver.asked());
    }

    @Test
    void refusesHostOffTheAllowlistBeforeResolving() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder().allowedHosts("images.example.com"));

        assertEquals(Rule.HOST_NOT_ALLOWED, refusal(fetcher, "https://other.example.com/cat.png"));
        assertEquals(List.of(), resolver.asked());
    }

    @Test
    void allowlistMatchesHostInAnySpelling() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder().allowedHosts("Images.Example.COM."));

        assertEquals(Rule.CONNECTION_FAILED, refusal(fetcher, "https://IMAGES.example.com./cat.png"));
    }

    @Test
    void allowlistWildcardMatchesSubdomainsOnly() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder().allowedHosts("*.images.example.com"));

        assertEquals(Rule.CONNECTION_FAILED, refusal(fetcher, "https://cdn.images.example.com/cat.png"));
        assertEquals(Rule.HOST_NOT_ALLOWED, refusal(fetcher, "https://images.example.com/cat.png"));
    }

    @Test
    void allowlistNeverLiftsThePublicAddressRule() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder().allowedHosts("internal.example.com", "127.0.0.1"));

        assertEquals(Rule.NON_PUBLIC_ADDRESS, refusal(fetcher, "https://internal.example.com/cat.png"));
        assertEquals(Rule.NON_PUBLIC_ADDRESS, refusal(fetcher, "https://2130706433/cat.png"));
    }

    @Test
    void allowlistedAddressMatchesOtherSpellingsOfIt() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder().allowedHosts("8.8.8.8"));

        assertEquals(Rule.CONNECTION_FAILED, refusal(fetcher, "https://0x8.0x8.0x8.0x8/cat.png"));
    }

    @Test
    void messageNamesRuleAndHostButNeverUserInfoOrQuery() {
        SafeFetcher fetcher = enabled(RemoteUrlPolicy.builder());

        String message = assertThrows(
                        RemoteUrlRefusedException.class,
                        () -> fetcher.fetch(
                                "https://internal.example.com/cat.png?X-Amz-Signature=secret-sig-123&token=test-key-123"))
                .getMessage();
        String userInfo = assertThrows(
                        RemoteUrlRefusedException.class,
                        () -> fetcher.fetch("https://admin:test-key-123@internal.example.com/"))
                .getMessage();

        assertTrue(
                message.contains("[non-public-address]") && message.contains("internal.example.com/cat.png"), message);
        assertFalse(message.contains("secret-sig-123") || message.contains("test-key-123"), message);
        assertFalse(userInfo.contains("test-key-123") || userInfo.contains("admin"), userInfo);
    }

    @Test
    void resolvesUnicodeHostByItsAsciiForm() {
        SafeFetcher fetcher = SafeFetcher.builder(
                        RemoteUrlPolicy.builder().enabled(true).build())
                .environment(n -> null)
                .resolver(new MapResolver().with("xn--bcher-kva.example", "93.184.215.20"))
                .socketOpener(opener)
                .build();

        assertEquals(Rule.CONNECTION_FAILED, refusal(fetcher, "https://b\u00fccher.example/cat.png"));
        assertEquals(List.of(new InetSocketAddress("93.184.215.20", 443)), opener.attempts());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://0x7f.1/cat.png",
                "https://2130706433/cat.png",
                "https://127.0.0.1./cat.png",
                "https://[::ffff:127.0.0.1]/cat.png",
                "https://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/cat.png",
                "https://%31%32%37.0.0.1/cat.png"
            })
    void fetchByUriParsesTheHostItselfRatherThanTrustingUri(String text) {
        URI uri = URI.create(text);

        assertEquals(Rule.NON_PUBLIC_ADDRESS, refusal(enabled(RemoteUrlPolicy.builder()), uri.toString()));
        assertEquals(List.of(), resolver.asked());
        assertEquals(List.of(), opener.attempts());
    }
}
