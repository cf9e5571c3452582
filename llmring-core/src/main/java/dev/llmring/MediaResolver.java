package dev.llmring;

/**
 * Seam for remote media. Before a request is encoded for an adapter that does not take media URLs
 * ({@link dev.llmring.spi.ProviderAdapter#acceptsMediaUrls()} is false), the router hands it here once per call to
 * have every URL media part replaced by bytes; the safe fetcher implements this. The default refuses, so that a URL
 * is never fetched by accident, and a refusal ends the call before anything is sent: a refused URL reaches no
 * provider.
 */
@FunctionalInterface
interface MediaResolver {

    /**
     * Returns {@code request} with every URL media part replaced by its bytes.
     *
     * @throws RemoteUrlRefusedException when a URL may not or could not be fetched
     */
    ChatRequest inline(ChatRequest request);

    /** Refuses every media URL. */
    MediaResolver REFUSE = request -> {
        String url = request.messages().stream()
                .flatMap(m -> m.content().stream())
                .map(MediaResolver::url)
                .filter(u -> u != null)
                .findFirst()
                .orElse("?");
        throw new RemoteUrlRefusedException("media URL " + url + " refused: remote URL fetching is not enabled"
                + " (enable remote URL fetching on the LlmRing builder, or pass the media as bytes)",
                ErrorDetails.none());
    };

    /** Whether any part of {@code request} is media given by URL. */
    static boolean hasUrlMedia(ChatRequest request) {
        return request.messages().stream().flatMap(m -> m.content().stream()).anyMatch(p -> url(p) != null);
    }

    private static @org.jspecify.annotations.Nullable String url(ContentPart part) {
        ContentPart.Media media = part instanceof ContentPart.Image i ? i.media()
                : part instanceof ContentPart.Document d ? d.media() : null;
        return media != null && media.isUrl() ? media.toString() : null;
    }
}
