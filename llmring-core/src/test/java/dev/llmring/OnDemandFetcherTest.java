package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.RemoteUrlRefusedException.Rule;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The safe fetcher behind a client is built when a call first has media to download, once. */
class OnDemandFetcherTest {
    private static final RemoteUrlPolicy ON =
            RemoteUrlPolicy.builder().enabled(true).build();

    @Test
    void theSafeFetcherIsBuiltAtTheFirstFetchAndKeptForEveryLaterOne() {
        OnDemandFetcher f = new OnDemandFetcher(ON, Map.<String, String>of()::get);
        assertFalse(f.built());
        RemoteUrlRefusedException e =
                assertThrows(RemoteUrlRefusedException.class, () -> f.fetch(URI.create("https://127.0.0.1/x.png")));
        assertEquals(Rule.NON_PUBLIC_ADDRESS, e.rule());
        assertTrue(f.built());
        assertSame(f.fetcher(), f.fetcher());
    }

    @Test
    void theEnvironmentSwitchReachesTheFetcherBuiltLater() {
        OnDemandFetcher f = new OnDemandFetcher(
                RemoteUrlPolicy.builder().build(), Map.of("LLMRING_ALLOW_REMOTE_URLS", "true")::get);
        assertTrue(f.fetcher().enabled());
    }
}
