package dev.llmring.internal.fetch;

import static dev.llmring.internal.fetch.Responses.ascii;
import static dev.llmring.internal.fetch.Responses.ok;
import static dev.llmring.internal.fetch.Responses.png;
import static dev.llmring.internal.fetch.Responses.raw;
import static dev.llmring.internal.fetch.TestCertificates.IMAGES_HOST;
import static dev.llmring.internal.fetch.TestCertificates.OTHER_HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a real TLS server on 127.0.0.1 with a certificate for {@code images.test}: the resolver maps
 * {@code images.test} to 127.0.0.1 and the address policy lets loopback through, which nothing but these tests does.
 */
class SafeFetcherTlsTest {
    private static final RemoteUrlPolicy ENABLED =
            RemoteUrlPolicy.builder().enabled(true).build();

    private TestCertificates certs;
    private SSLContext clientContext;
    private TlsTestServer server;
    private final RecordingSocketOpener opener = RecordingSocketOpener.connecting();

    @BeforeEach
    void setUp() throws Exception {
        certs = TestCertificates.get();
        clientContext = certs.clientContext();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
    }

    private void serve(TlsTestServer.Handler handler) throws Exception {
        server = TlsTestServer.start(certs.serverContext(IMAGES_HOST), handler);
    }

    private SafeFetcher.Builder fetcherBuilder(RemoteUrlPolicy policy) {
        return SafeFetcher.builder(policy)
                .environment(name -> null)
                .resolver(new MapResolver().with(IMAGES_HOST, "127.0.0.1"))
                .addressPolicy(a -> a.isLoopbackAddress() ? null : PublicAddresses.POLICY.refusalReason(a))
                .socketOpener(opener)
                .sslContext(clientContext);
    }

    private FetchedMedia fetch(RemoteUrlPolicy policy, String path) {
        return fetcherBuilder(policy).build().fetch(URI.create(server.url(path)));
    }

    private Rule refusal(RemoteUrlPolicy policy, String path) {
        return assertThrows(RemoteUrlRefusedException.class, () -> fetch(policy, path))
                .rule();
    }

    @Test
    void returnsBytesAndContentTypeOfAnAllowedImage() throws Exception {
        byte[] body = png(1000);
        serve(ok("image/png", body));

        FetchedMedia media = fetch(ENABLED, "/cat.png");

        assertArrayEquals(body, media.bytes());
        assertEquals("image/png", media.mediaType());
    }

    @Test
    void acceptsContentTypeWithParametersInAnyCase() throws Exception {
        serve(ok("IMAGE/PNG; charset=binary", png(64)));

        assertEquals("image/png", fetch(ENABLED, "/cat.png").mediaType());
    }

    @Test
    void sendsMinimalGetWithHostAcceptIdentityAndClose() throws Exception {
        serve(ok("image/png", png(64)));

        fetch(ENABLED, "/img/cat.png?size=large#fragment");

        String request = server.requests().get(0);
        assertTrue(request.startsWith("GET /img/cat.png?size=large HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: images.test:" + server.port() + "\r\n"), request);
        assertTrue(
                request.contains("\r\nAccept: image/png, image/jpeg, image/gif, image/webp, application/pdf\r\n"),
                request);
        assertTrue(request.contains("\r\nAccept-Encoding: identity\r\n"), request);
        assertTrue(request.contains("\r\nConnection: close\r\n"), request);
    }

    @Test
    void connectsToTheCheckedAddressAndSendsTheUrlHostAsSni() throws Exception {
        serve(ok("image/png", png(64)));

        fetch(ENABLED, "/cat.png");

        assertEquals(List.of(new InetSocketAddress("127.0.0.1", server.port())), opener.attempts());
        assertEquals(List.of(IMAGES_HOST), server.sniNames());
    }

    @Test
    void readsChunkedBody() throws Exception {
        byte[] body = png(10_000);
        serve(raw(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n",
                Responses.chunked(body, 3000)));

        assertArrayEquals(body, fetch(ENABLED, "/cat.png").bytes());
    }

    @Test
    void readsBodyEndedByConnectionClose() throws Exception {
        byte[] body = png(5000);
        serve(raw("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", body));

        assertArrayEquals(body, fetch(ENABLED, "/cat.png").bytes());
    }

    @Test
    void refusesRedirectWithoutFollowingIt() throws Exception {
        serve(raw(
                "HTTP/1.1 302 Found\r\nLocation: https://images.test/elsewhere.png\r\nContent-Length: 0\r\n\r\n",
                new byte[0]));

        assertEquals(Rule.REDIRECT, refusal(ENABLED, "/cat.png"));
        assertEquals(1, server.connections());
    }

    @Test
    void refusesStatusOtherThan200() throws Exception {
        serve(raw("HTTP/1.1 404 Not Found\r\nContent-Type: image/png\r\nContent-Length: 0\r\n\r\n", new byte[0]));

        assertEquals(Rule.HTTP_STATUS, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesContentLengthOverTheDefaultCapBeforeReadingTheBody() throws Exception {
        long overCap = RemoteUrlPolicy.DEFAULT_MAX_BYTES + 1;
        serve(socket -> {
            socket.getOutputStream()
                    .write(ascii(
                            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + overCap + "\r\n\r\n"));
            Responses.awaitHangUp(socket); // sends no body: reading it would hang until the read timeout
        });

        assertEquals(Rule.TOO_LARGE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void cutsEndlessBodyWithoutLengthAtTheDefaultCap() throws Exception {
        serve(socket -> {
            socket.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n"));
            Responses.writeForever(socket, png(16_384));
        });

        assertEquals(Rule.TOO_LARGE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void cutsEndlessChunkedBodyAtTheCap() throws Exception {
        serve(socket -> {
            socket.getOutputStream()
                    .write(ascii(
                            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n" + "Transfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[4096];
            byte[] block = new byte[chunk.length + 8];
            System.arraycopy(ascii("1000\r\n"), 0, block, 0, 6);
            System.arraycopy(chunk, 0, block, 6, chunk.length);
            System.arraycopy(ascii("\r\n"), 0, block, 6 + chunk.length, 2);
            Responses.writeForever(socket, block);
        });

        assertEquals(
                Rule.TOO_LARGE, refusal(ENABLED.toBuilder().maxBytes(65_536).build(), "/cat.png"));
    }

    @Test
    void refusesChunkDeclaredLargerThanTheCap() throws Exception {
        serve(socket -> {
            socket.getOutputStream()
                    .write(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n"));
            Responses.awaitHangUp(socket);
        });

        assertEquals(Rule.TOO_LARGE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void cutsTricklingBodyAtTheTotalBound() throws Exception {
        serve(socket -> {
            socket.getOutputStream()
                    .write(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n" + "Content-Length: 1000000\r\n\r\n"));
            Responses.trickle(socket, 2);
        });
        long[] now = {0};
        SafeFetcher fetcher = fetcherBuilder(
                        ENABLED.toBuilder().totalTimeout(Duration.ofSeconds(1)).build())
                .nanoTime(() -> now[0] += Duration.ofMillis(50).toNanos()) // every look at the clock: 50 ms later
                .build();

        RemoteUrlRefusedException e =
                assertThrows(RemoteUrlRefusedException.class, () -> fetcher.fetch(URI.create(server.url("/cat.png"))));

        assertEquals(Rule.TIMEOUT, e.rule());
    }

    @Test
    void cutsTricklingTlsHandshakeAtTheTotalBound() throws Exception {
        server = TlsTestServer.startPlain(socket -> {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}); // a 16 KiB handshake record
            Responses.trickle(socket, 5); // ... that never completes, each byte resetting the read timeout
        });
        RemoteUrlPolicy policy =
                ENABLED.toBuilder().totalTimeout(Duration.ofMillis(300)).build();

        assertEquals(Rule.TIMEOUT, refusal(policy, "/cat.png"));
    }

    @Test
    void timesOutSilentServerAtTheReadBound() throws Exception {
        serve(Responses::awaitHangUp);
        RemoteUrlPolicy policy =
                ENABLED.toBuilder().readTimeout(Duration.ofMillis(100)).build();

        assertEquals(Rule.TIMEOUT, refusal(policy, "/cat.png"));
    }

    @Test
    void refusesContentTypeNotOnTheAllowlist() throws Exception {
        serve(ok("text/html", ascii("<html>hello</html>")));

        assertEquals(Rule.CONTENT_TYPE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesSupportedContentTypeThePolicyLeftOut() throws Exception {
        serve(ok("image/jpeg", Responses.jpeg(64)));

        assertEquals(
                Rule.CONTENT_TYPE,
                refusal(ENABLED.toBuilder().allowedContentTypes("image/png").build(), "/cat.jpg"));
    }

    @Test
    void refusesMissingContentType() throws Exception {
        serve(raw("HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n", png(64)));

        assertEquals(Rule.CONTENT_TYPE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesBodyWhoseMagicBytesAreNotTheDeclaredType() throws Exception {
        serve(ok("image/png", ascii("<html><script>alert(1)</script></html>")));

        assertEquals(Rule.CONTENT_MISMATCH, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesBodyOfAnotherSupportedType() throws Exception {
        serve(ok("image/jpeg", png(64)));

        assertEquals(Rule.CONTENT_MISMATCH, refusal(ENABLED, "/cat.jpg"));
    }

    @Test
    void refusesCertificateForAnotherHostNameThoughConnectingByAddress() throws Exception {
        server = TlsTestServer.start(certs.serverContext(OTHER_HOST), ok("image/png", png(64)));

        assertEquals(Rule.TLS, refusal(ENABLED, "/cat.png"));
        assertTrue(server.requests().isEmpty(), "no request may be sent over a connection to the wrong host");
    }

    @Test
    void refusesCertificateNotTrustedByTheDefaultTrustStore() throws Exception {
        serve(ok("image/png", png(64)));
        SafeFetcher fetcher = SafeFetcher.builder(ENABLED)
                .environment(name -> null)
                .resolver(new MapResolver().with(IMAGES_HOST, "127.0.0.1"))
                .addressPolicy(a -> a.isLoopbackAddress() ? null : PublicAddresses.POLICY.refusalReason(a))
                .build();

        RemoteUrlRefusedException e =
                assertThrows(RemoteUrlRefusedException.class, () -> fetcher.fetch(URI.create(server.url("/cat.png"))));

        assertEquals(Rule.TLS, e.rule());
    }

    @Test
    void refusesMalformedStatusLine() throws Exception {
        serve(raw("SSH-2.0-OpenSSH_9.6\r\n\r\n", new byte[0]));

        assertEquals(Rule.MALFORMED_RESPONSE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesContentCodingItDidNotAskFor() throws Exception {
        serve(raw(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Encoding: gzip\r\nContent-Length: 64\r\n\r\n",
                png(64)));

        assertEquals(Rule.MALFORMED_RESPONSE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesBodyShorterThanItsContentLength() throws Exception {
        serve(raw("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100\r\n\r\n", png(10)));

        assertEquals(Rule.MALFORMED_RESPONSE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void refusesConflictingContentLengths() throws Exception {
        serve(raw(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 64\r\nContent-Length: 65\r\n\r\n",
                png(65)));

        assertEquals(Rule.MALFORMED_RESPONSE, refusal(ENABLED, "/cat.png"));
    }

    @Test
    void skipsInterimResponses() throws Exception {
        byte[] body = png(64);
        serve(raw(
                "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 64\r\n\r\n",
                body));

        assertArrayEquals(body, fetch(ENABLED, "/cat.png").bytes());
    }
}
