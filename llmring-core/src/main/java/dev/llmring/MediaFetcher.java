package dev.llmring;

import dev.llmring.internal.fetch.FetchedMedia;
import java.net.URI;

/**
 * Seam for downloading one media URL: the safe fetcher ({@link dev.llmring.internal.fetch.SafeFetcher#fetch(URI)})
 * in production, a fake in tests. {@link RemoteMedia} decides when it is asked.
 */
@FunctionalInterface
interface MediaFetcher {

    /**
     * @return the bytes with the media type their magic confirmed
     * @throws RemoteUrlRefusedException when the URL may not or could not be fetched
     */
    FetchedMedia fetch(URI url);
}
