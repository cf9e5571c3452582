package dev.llmring;

import dev.llmring.RemoteUrlRefusedException.Rule;
import dev.llmring.internal.fetch.FetchedMedia;
import dev.llmring.spi.ProviderAdapter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Media given by URL, as each adapter may see it. A URL part is passed on as a URL when it is {@code https}, the
 * adapter downloads such parts itself ({@link ProviderAdapter#acceptsMediaUrl}) and the policy does not ask to inline
 * always; otherwise its bytes are fetched (once per call, through the call's cache) and sent instead, as a part of
 * the same kind with the media type the fetcher confirmed.
 *
 * <p>Refusals: a URL that is not {@code https} is never fetched nor passed on ({@link Rule#SCHEME}); when bytes are
 * needed and fetching is off, {@link Rule#DISABLED} (the router skips that binding, since another may take the URL);
 * any refusal by the fetcher, or a body of the wrong kind for its part ({@link Rule#CONTENT_TYPE}), ends the call.
 */
final class RemoteMedia {
    private final boolean enabled;
    private final boolean inlineAlways;
    private final MediaFetcher fetcher;

    RemoteMedia(boolean enabled, boolean inlineAlways, MediaFetcher fetcher) {
        this.enabled = enabled;
        this.inlineAlways = inlineAlways;
        this.fetcher = fetcher;
    }

    /**
     * The request as {@code adapter} may see it: {@code request} itself when no part needs fetching.
     *
     * @param fetched the call's media fetched so far, by URL text; filled here
     * @throws RemoteUrlRefusedException as described on the class
     */
    ChatRequest requestFor(ChatRequest request, ProviderAdapter adapter, Map<String, ContentPart.Media> fetched) {
        if (!hasUrlMedia(request)) return request;
        List<Message> messages = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (Message m : request.messages()) {
            List<ContentPart> parts = new ArrayList<>(m.content().size());
            boolean partChanged = false;
            for (ContentPart p : m.content()) {
                ContentPart resolved = resolve(p, adapter, fetched);
                partChanged |= resolved != p;
                parts.add(resolved);
            }
            messages.add(partChanged ? withContent(m, parts) : m);
            changed |= partChanged;
        }
        return changed ? request.withMessages(messages) : request;
    }

    /** Whether any part of {@code request} is media given by URL. */
    static boolean hasUrlMedia(ChatRequest request) {
        for (Message m : request.messages()) { // a plain loop: this runs on every call
            for (ContentPart p : m.content()) {
                if (urlMedia(p) != null) return true;
            }
        }
        return false;
    }

    private ContentPart resolve(ContentPart part, ProviderAdapter adapter, Map<String, ContentPart.Media> fetched) {
        ContentPart.Media media = urlMedia(part);
        if (media == null) return part;
        URI url = media.url().orElseThrow();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            throw refusal(
                    Rule.SCHEME,
                    media,
                    "only https URLs are fetched or passed to a provider; give the bytes"
                            + " instead (ContentPart.image / ContentPart.pdf)");
        }
        if (!inlineAlways && adapter.acceptsMediaUrl(part)) return part;
        if (!enabled) {
            throw refusal(
                    Rule.DISABLED,
                    media,
                    "provider '" + adapter.name() + "' needs the bytes, and fetching"
                            + " remote URLs is off (enable it with LlmRing.builder().remoteUrls(...) or "
                            + "LLMRING_ALLOW_REMOTE_URLS=true, or pass the media as bytes)");
        }
        ContentPart.Media bytes = fetched.get(url.toString());
        if (bytes == null) {
            FetchedMedia f = fetcher.fetch(url);
            bytes = ContentPart.Media.ofBytes(f.bytes(), f.mediaType());
            fetched.put(url.toString(), bytes);
        }
        String type = bytes.mediaType().orElseThrow();
        ContentPart inlined;
        if (part instanceof ContentPart.Image) {
            if (!type.startsWith("image/")) throw wrongKind(media, "an image", type);
            inlined = ContentPart.image(bytes.bytes().orElseThrow(), type);
        } else {
            if (!type.equals("application/pdf")) throw wrongKind(media, "a PDF document", type);
            inlined = ContentPart.pdf(bytes.bytes().orElseThrow());
        }
        return part.cacheHint() ? inlined.withCacheHint() : inlined;
    }

    private static ContentPart.@Nullable Media urlMedia(ContentPart part) {
        return part instanceof ContentPart.MediaPart m && m.media().isUrl() ? m.media() : null;
    }

    private static Message withContent(Message m, List<ContentPart> parts) {
        Message.Builder b = Message.builder(m.role())
                .content(parts)
                .toolCalls(m.toolCalls())
                .reasoningParts(m.reasoningParts());
        m.toolCallId().ifPresent(b::toolCallId);
        m.reasoning().ifPresent(b::reasoning);
        return b.build();
    }

    private static RemoteUrlRefusedException wrongKind(ContentPart.Media media, String kind, String type) {
        return refusal(Rule.CONTENT_TYPE, media, "the part asks for " + kind + ", the URL served " + type);
    }

    /** The fetcher's message shape; {@code media} prints without user info or query. */
    private static RemoteUrlRefusedException refusal(Rule rule, ContentPart.Media media, String why) {
        String code = rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new RemoteUrlRefusedException("remote URL refused [" + code + "]: " + media + ": " + why, rule, null);
    }
}
