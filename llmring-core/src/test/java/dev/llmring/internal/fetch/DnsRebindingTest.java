package dev.llmring.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resolver that answers differently on each lookup must not be able to steer the connection: the fetcher looks the
 * name up once, checks every answer, and hands the checked address (never the name) to the socket.
 */
class DnsRebindingTest {
    private static final RemoteUrlPolicy ENABLED =
            RemoteUrlPolicy.builder().enabled(true).build();
    private final RecordingSocketOpener opener = RecordingSocketOpener.refusing();

    private SafeFetcher fetcher(MapResolver resolver) {
        return SafeFetcher.builder(ENABLED)
                .environment(name -> null)
                .resolver(resolver)
                .socketOpener(opener)
                .build();
    }

    @Test
    void publicThenPrivateAnswerConnectsOnlyToThePublicAddressItChecked() {
        MapResolver resolver = new MapResolver().rebinding("rebind.example", "93.184.215.14", "127.0.0.1");

        RemoteUrlRefusedException e = assertThrows(RemoteUrlRefusedException.class, () -> fetcher(resolver)
                .fetch(URI.create("https://rebind.example/cat.png")));

        assertEquals(Rule.CONNECTION_FAILED, e.rule()); // the test opener never connects
        assertEquals(List.of(new InetSocketAddress("93.184.215.14", 443)), opener.attempts());
        assertEquals(List.of("rebind.example"), resolver.asked());
    }

    @Test
    void privateThenPublicAnswerIsRefusedWithoutAskingAgain() {
        MapResolver resolver = new MapResolver().rebinding("rebind.example", "10.0.0.7", "93.184.215.14");

        RemoteUrlRefusedException e = assertThrows(RemoteUrlRefusedException.class, () -> fetcher(resolver)
                .fetch(URI.create("https://rebind.example/cat.png")));

        assertEquals(Rule.NON_PUBLIC_ADDRESS, e.rule());
        assertEquals(List.of(), opener.attempts());
        assertEquals(List.of("rebind.example"), resolver.asked());
    }

    @Test
    void answerMixingPublicAndPrivateIsRefusedWhole() {
        MapResolver resolver = new MapResolver().with("mixed.example", "93.184.215.14", "169.254.169.254");

        RemoteUrlRefusedException e = assertThrows(RemoteUrlRefusedException.class, () -> fetcher(resolver)
                .fetch(URI.create("https://mixed.example/cat.png")));

        assertEquals(Rule.NON_PUBLIC_ADDRESS, e.rule());
        assertEquals(List.of(), opener.attempts());
    }

    @Test
    void triesEachCheckedAddressInTurnAndNoOther() {
        MapResolver resolver = new MapResolver().with("multi.example", "93.184.215.14", "2606:2800:21f:cb07::1");

        assertThrows(RemoteUrlRefusedException.class, () -> fetcher(resolver)
                .fetch(URI.create("https://multi.example/cat.png")));

        assertEquals(
                List.of(
                        new InetSocketAddress("93.184.215.14", 443),
                        new InetSocketAddress("2606:2800:21f:cb07::1", 443)),
                opener.attempts());
        assertEquals(List.of("multi.example"), resolver.asked());
    }

    @Test
    void realFetchUsesTheFirstAnswerWhenLaterAnswersWouldPointElsewhere() throws Exception {
        TestCertificates certs = TestCertificates.get();
        byte[] body = Responses.png(64);
        RecordingSocketOpener connecting = RecordingSocketOpener.connecting();
        try (TlsTestServer server = TlsTestServer.start(
                certs.serverContext(TestCertificates.IMAGES_HOST), Responses.ok("image/png", body))) {
            MapResolver resolver = new MapResolver().rebinding(TestCertificates.IMAGES_HOST, "127.0.0.1", "10.0.0.7");
            SafeFetcher fetcher = SafeFetcher.builder(ENABLED)
                    .environment(name -> null)
                    .resolver(resolver)
                    .addressPolicy(a -> a.isLoopbackAddress() ? null : PublicAddresses.POLICY.refusalReason(a))
                    .socketOpener(connecting)
                    .sslContext(certs.clientContext())
                    .build();

            FetchedMedia media = fetcher.fetch(URI.create(server.url("/cat.png")));

            assertArrayEquals(body, media.bytes());
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", server.port())), connecting.attempts());
            assertEquals(List.of(TestCertificates.IMAGES_HOST), resolver.asked());
        }
    }
}
