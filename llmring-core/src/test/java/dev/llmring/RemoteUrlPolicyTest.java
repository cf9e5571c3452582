package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteUrlPolicyTest {

    @Test
    void defaultsAreOffAnyPublicHostEightMebibytesAndAllSupportedTypes() {
        RemoteUrlPolicy policy = RemoteUrlPolicy.disabled();

        assertFalse(policy.enabled());
        assertEquals(Set.of(), policy.allowedHosts());
        assertEquals(8L * 1024 * 1024, policy.maxBytes());
        assertEquals(
                List.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"),
                List.copyOf(policy.allowedContentTypes()));
        assertEquals(Duration.ofSeconds(5), policy.connectTimeout());
        assertEquals(Duration.ofSeconds(10), policy.readTimeout());
        assertEquals(Duration.ofSeconds(30), policy.totalTimeout());
    }

    @Test
    void builderStartsFromTheDefaults() {
        assertEquals(RemoteUrlPolicy.disabled(), RemoteUrlPolicy.builder().build());
    }

    @Test
    void allowedHostsAreCanonicalised() {
        RemoteUrlPolicy policy = RemoteUrlPolicy.builder()
                .allowedHosts(
                        "Images.Example.COM.",
                        "*.CDN.example.net",
                        "b\u00fccher.example",
                        "0x8.8.8.8",
                        "2606:4700:0::1111")
                .build();

        assertEquals(
                List.of(
                        "images.example.com",
                        "*.cdn.example.net",
                        "xn--bcher-kva.example",
                        "8.8.8.8",
                        "2606:4700::1111"),
                List.copyOf(policy.allowedHosts()));
    }

    @Test
    void allowedHostThatIsNotAHostIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteUrlPolicy.builder()
                .allowedHosts("images.example.com", "https://evil.example/"));

        assertTrue(e.getMessage().contains("'https://evil.example/'"), e.getMessage());
    }

    @Test
    void wildcardOverAnAddressIsRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().allowedHosts("*.10.0.0.1"));
    }

    @Test
    void maxBytesOutOfRangeIsRejectedByValue() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().maxBytes(0));

        assertTrue(e.getMessage().contains("was 0"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().maxBytes((1L << 30) + 1));
    }

    @Test
    void contentTypeTheFetcherCannotConfirmIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteUrlPolicy.builder()
                .allowedContentTypes("image/png", "image/svg+xml"));

        assertTrue(e.getMessage().contains("'image/svg+xml'"), e.getMessage());
    }

    @Test
    void emptyContentTypesAreRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().allowedContentTypes(List.of()));
    }

    @Test
    void contentTypesAreLowerCased() {
        assertEquals(
                Set.of("image/png"),
                RemoteUrlPolicy.builder()
                        .allowedContentTypes(" IMAGE/PNG ")
                        .build()
                        .allowedContentTypes());
    }

    @Test
    void nonPositiveTimeoutsAreRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().connectTimeout(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().readTimeout(Duration.ofSeconds(-1)));
        assertThrows(
                IllegalArgumentException.class, () -> RemoteUrlPolicy.builder().totalTimeout(Duration.ZERO));
    }

    @Test
    void toBuilderCopiesEverySetting() {
        RemoteUrlPolicy policy = RemoteUrlPolicy.builder()
                .enabled(true)
                .allowedHosts("images.example.com")
                .maxBytes(1024)
                .allowedContentTypes("image/gif")
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(2))
                .totalTimeout(Duration.ofSeconds(3))
                .build();

        assertEquals(policy, policy.toBuilder().build());
    }

    @Test
    void refusalExceptionNamesItsRule() {
        RemoteUrlRefusedException e =
                new RemoteUrlRefusedException("refused", RemoteUrlRefusedException.Rule.SCHEME, null);

        assertEquals(RemoteUrlRefusedException.Rule.SCHEME, e.rule());
        assertEquals(
                RemoteUrlRefusedException.Rule.OTHER,
                new RemoteUrlRefusedException("refused", ErrorDetails.none()).rule());
    }
}
