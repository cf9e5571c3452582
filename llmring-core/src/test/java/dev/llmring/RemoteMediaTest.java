package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.RemoteUrlRefusedException.Rule;
import dev.llmring.internal.fetch.FetchedMedia;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Images and documents by URL: passed on to providers that download them, fetched through the safe fetcher (a fake
 * here, never the network) for those that need bytes, refused before any provider sees them.
 */
class RemoteMediaTest extends WireMockSupport {
    private static final URI CAT = URI.create("https://images.example.com/cat.png");
    private static final URI PAPER = URI.create("https://docs.example.com/paper.pdf");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '7'};
    private static final RemoteUrlPolicy ON =
            RemoteUrlPolicy.builder().enabled(true).build();

    private final List<URI> fetches = new ArrayList<>();

    private FetchedMedia fake(URI url) {
        fetches.add(url);
        return url.equals(PAPER)
                ? new FetchedMedia(PDF.clone(), "application/pdf")
                : new FetchedMedia(PNG.clone(), "image/png");
    }

    private LlmRing.Builder mediaRing() {
        return ring().provider(TestProvider.takingImageUrls("u"))
                .apiKey("u", KEY)
                .baseUrl("u", base())
                .mediaFetcher(this::fake);
    }

    private static ChatRequest asking(String model, ContentPart media) {
        return ChatRequest.builder(model)
                .message(Message.user(ContentPart.text("What is this?"), media))
                .build();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void anAdapterWithoutUrlSupportGetsTheFetchedBytesWithTheirCheckedType() {
        server.stubFor(post("/a/chat").willReturn(answer("a cat")));
        try (LlmRing ring = mediaRing().remoteUrls(ON).build()) {
            assertEquals(
                    "a cat",
                    ring.chat(asking("a:m1", ContentPart.imageUrl(CAT))).text());
        }
        assertEquals(List.of(CAT), fetches);
        server.verify(
                postRequestedFor(urlEqualTo("/a/chat")).withRequestBody(containing("image/png;base64," + base64(PNG))));
    }

    @Test
    void anAdapterThatDownloadsImagesGetsTheUrlAndNothingIsFetched() {
        server.stubFor(post("/u/chat").willReturn(answer("a cat")));
        try (LlmRing ring = mediaRing().remoteUrls(ON).build()) {
            ring.chat(asking("u:m1", ContentPart.imageUrl(CAT)));
        }
        assertEquals(List.of(), fetches);
        server.verify(postRequestedFor(urlEqualTo("/u/chat")).withRequestBody(containing("url:" + CAT)));
    }

    @Test
    void inlineAlwaysSendsBytesEvenToAnAdapterThatDownloadsUrls() {
        server.stubFor(post("/u/chat").willReturn(answer("a cat")));
        try (LlmRing ring = mediaRing()
                .remoteUrls(ON.toBuilder().inlineAlways(true).build())
                .build()) {
            ring.chat(asking("u:m1", ContentPart.imageUrl(CAT)));
        }
        assertEquals(List.of(CAT), fetches);
        server.verify(
                postRequestedFor(urlEqualTo("/u/chat")).withRequestBody(containing("image/png;base64," + base64(PNG))));
    }

    @Test
    void aDocumentUrlIsFetchedForAnAdapterThatDownloadsOnlyImageUrls() {
        server.stubFor(post("/u/chat").willReturn(answer("a paper")));
        try (LlmRing ring = mediaRing().remoteUrls(ON).build()) {
            ring.chat(asking("u:m1", ContentPart.pdfUrl(PAPER)));
        }
        assertEquals(List.of(PAPER), fetches);
        server.verify(postRequestedFor(urlEqualTo("/u/chat"))
                .withRequestBody(containing("application/pdf;base64," + base64(PDF))));
    }

    @Test
    void aRefusedFetchEndsTheCallAndNoProviderSeesARequest() {
        server.stubFor(post(anyUrl()).willReturn(answer("x")));
        aliases.bind("look", "a:m1", "u:m2");
        MediaFetcher refusing = url -> {
            throw new RemoteUrlRefusedException(
                    "remote URL refused [non-public-address]: " + url, Rule.NON_PUBLIC_ADDRESS, null);
        };
        try (LlmRing ring = mediaRing().mediaFetcher(refusing).remoteUrls(ON).build()) {
            RemoteUrlRefusedException e = assertThrows(
                    RemoteUrlRefusedException.class, () -> ring.chat(asking("look", ContentPart.imageUrl(CAT))));
            assertEquals(Rule.NON_PUBLIC_ADDRESS, e.rule());
            assertTrue(e.trace().isPresent());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theRealFetcherRefusesALoopbackUrlBeforeAnyConnectionAndTheCallEnds() {
        server.stubFor(post(anyUrl()).willReturn(answer("x")));
        try (LlmRing ring = ring().remoteUrls(ON).build()) {
            RemoteUrlRefusedException e = assertThrows(
                    RemoteUrlRefusedException.class,
                    () -> ring.chat(asking("a:m1", ContentPart.imageUrl(URI.create("https://127.0.0.1/x.png")))));
            assertEquals(Rule.NON_PUBLIC_ADDRESS, e.rule());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void mediaIsFetchedOncePerCallAcrossRetriesAndFailover() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(500)));
        server.stubFor(post("/b/chat").willReturn(answer("a cat")));
        aliases.bind("look", "a:m1", "b:m2");
        try (LlmRing ring = mediaRing().remoteUrls(ON).build()) {
            ChatResponse r = ring.chat(asking("look", ContentPart.imageUrl(CAT)));
            assertEquals("b:m2", r.binding());
        }
        assertEquals(List.of(CAT), fetches);
        server.verify(3, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void withFetchingOffABindingThatNeedsBytesIsSkippedAndOneThatTakesTheUrlServes() {
        server.stubFor(post("/u/chat").willReturn(answer("a cat")));
        aliases.bind("look", "a:m1", "u:m2");
        try (LlmRing ring = mediaRing().build()) {
            ChatResponse r = ring.chat(asking("look", ContentPart.imageUrl(CAT)));
            assertEquals("u:m2", r.binding());
            RoutingTrace.Attempt skip = r.trace().attempts().get(0);
            assertEquals(RoutingTrace.Attempt.Outcome.SKIPPED, skip.outcome());
            assertTrue(skip.reason().orElseThrow().contains("fetching remote URLs is off"), skip.toString());
        }
        assertEquals(List.of(), fetches);
        server.verify(0, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void withFetchingOffAndNoBindingTakingUrlsTheCallFailsWithTheRefusalAsCause() {
        try (LlmRing ring = mediaRing().build()) {
            NoUsableBindingException e = assertThrows(
                    NoUsableBindingException.class, () -> ring.chat(asking("a:m1", ContentPart.imageUrl(CAT))));
            RemoteUrlRefusedException cause = assertInstanceOf(RemoteUrlRefusedException.class, e.getCause());
            assertEquals(Rule.DISABLED, cause.rule());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPlainHttpUrlIsNeitherFetchedNorPassedOn() {
        try (LlmRing ring = mediaRing().remoteUrls(ON).build()) {
            RemoteUrlRefusedException e = assertThrows(
                    RemoteUrlRefusedException.class,
                    () -> ring.chat(
                            asking("u:m1", ContentPart.imageUrl(URI.create("http://images.example.com/c.png")))));
            assertEquals(Rule.SCHEME, e.rule());
        }
        assertEquals(List.of(), fetches);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theEnvironmentSwitchesFetchingOn() {
        server.stubFor(post("/a/chat").willReturn(answer("a cat")));
        try (LlmRing ring = mediaRing()
                .environment(Map.of("LLMRING_ALLOW_REMOTE_URLS", "true")::get)
                .build()) {
            ring.chat(asking("a:m1", ContentPart.imageUrl(CAT)));
        }
        assertEquals(List.of(CAT), fetches);
    }

    @Test
    void aBodyOfTheWrongKindForItsPartIsRefused() {
        try (LlmRing ring = mediaRing().remoteUrls(ON).build()) {
            RemoteUrlRefusedException e = assertThrows(
                    RemoteUrlRefusedException.class, () -> ring.chat(asking("a:m1", ContentPart.imageUrl(PAPER))));
            assertEquals(Rule.CONTENT_TYPE, e.rule());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void inliningKeepsCacheHintsAndTheRestOfTheMessage() {
        RemoteMedia media = new RemoteMedia(true, false, this::fake);
        dev.llmring.spi.ProviderAdapter adapter = new TestProvider("a")
                .create(dev.llmring.spi.ProviderConfig.builder("a").build());
        ChatRequest request = ChatRequest.builder("a:m1")
                .system("Be brief.")
                .message(Message.user(
                        ContentPart.text("What is this?"),
                        ContentPart.imageUrl(CAT).withCacheHint()))
                .maxOutputTokens(50)
                .build();
        ChatRequest inlined = media.requestFor(request, adapter, new java.util.HashMap<>());
        assertEquals(request.messages().get(0), inlined.messages().get(0));
        ContentPart.Image image =
                (ContentPart.Image) inlined.messages().get(1).content().get(1);
        assertTrue(image.cacheHint());
        assertEquals("image/png", image.media().mediaType().orElseThrow());
        assertEquals(request.maxOutputTokens(), inlined.maxOutputTokens());
    }
}
