package dev.llmring;

import dev.llmring.internal.fetch.FetchedMedia;
import dev.llmring.internal.fetch.SafeFetcher;
import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The safe fetcher, built when a call first has media to download: most clients never fetch, and building it loads
 * the fetcher's classes and address tables.
 */
final class OnDemandFetcher implements MediaFetcher {
    private final RemoteUrlPolicy policy;
    private final Function<String, @Nullable String> environment;
    private volatile @Nullable SafeFetcher fetcher;

    OnDemandFetcher(RemoteUrlPolicy policy, Function<String, @Nullable String> environment) {
        this.policy = policy;
        this.environment = environment;
    }

    @Override
    public FetchedMedia fetch(URI url) {
        return fetcher().fetch(url);
    }

    /** The fetcher, built by the first caller; the same one for every later caller. */
    SafeFetcher fetcher() {
        SafeFetcher f = fetcher;
        if (f != null) return f;
        synchronized (this) {
            f = fetcher;
            if (f == null) {
                f = SafeFetcher.create(policy, environment);
                fetcher = f;
            }
            return f;
        }
    }

    /** Whether the fetcher was built, for tests. */
    boolean built() {
        return fetcher != null;
    }
}
