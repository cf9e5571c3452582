package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileException;
import dev.llmring.lockfile.LockfileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client reads its pools from the lockfile: given, by path, or discovered; in the selected profile. */
class LockfileWiringTest extends WireMockSupport {
    private static final String LOCK =
            """
            version = "1.0"
            default_profile = "default"

            [profiles.default]
            name = "default"

            [[profiles.default.bindings]]
            alias = "assistant"
            models = ["a:m1", "b:m2"]

            [profiles.prod]
            name = "prod"

            [[profiles.prod.bindings]]
            alias = "assistant"
            models = ["b:m2"]
            """;

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private LlmRing.Builder lockRing() {
        return LlmRing.builder()
                .discoverProviders(false)
                .environment(env::get)
                .provider(new TestProvider("a"))
                .provider(new TestProvider("b"))
                .apiKey("a", KEY)
                .apiKey("b", KEY)
                .baseUrl("a", base())
                .baseUrl("b", base())
                .retryPolicy(RetryPolicy.none())
                .clock(time)
                .sleeper(time)
                .noRegistry();
    }

    private Path write() throws IOException {
        return Files.writeString(dir.resolve("llmring.lock"), LOCK);
    }

    @Test
    void anAliasRoutesThroughItsPoolInTheLockfile() throws IOException {
        server.stubFor(post("/a/chat").willReturn(error(503, "overloaded")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        try (LlmRing ring = lockRing().lockfile(write()).build()) {
            ChatResponse r = ring.chat(request("assistant"));
            assertEquals("b:m2", r.binding());
            assertEquals("default", r.trace().profile());
            assertEquals("assistant", r.trace().alias());
        }
    }

    @Test
    void theProfileComesFromLlmringProfile() throws IOException {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        env.put("LLMRING_PROFILE", "prod");
        try (LlmRing ring = lockRing().lockfile(write()).build()) {
            assertEquals("prod", ring.profile());
            assertEquals(1, ring.chat(request("assistant")).trace().attempts().size());
        }
    }

    @Test
    void anUnknownProfileFailsTheBuildListingTheProfiles() throws IOException {
        Path lock = write();
        LockfileException e = assertThrows(
                LockfileException.class,
                () -> lockRing().lockfile(lock).profile("qa").build());
        assertTrue(e.getMessage().contains("prod"), e.getMessage());
    }

    @Test
    void theLockfileIsDiscoveredThroughLlmringLockfilePath() throws IOException {
        env.put("LLMRING_LOCKFILE_PATH", write().toString());
        try (LlmRing ring = lockRing().build()) {
            server.stubFor(post("/a/chat").willReturn(answer("from-a")));
            assertEquals("from-a", ring.chat(request("assistant")).text());
        }
    }

    @Test
    void aMissingLockfileNamedByTheEnvironmentFailsTheBuild() {
        env.put("LLMRING_LOCKFILE_PATH", dir.resolve("nope.lock").toString());
        assertThrows(LockfileNotFoundException.class, () -> lockRing().build());
    }

    @Test
    void anUnboundAliasIsANoUsableBindingNamingTheAlias() {
        Lockfile lockfile = Lockfile.parse(LOCK, Format.TOML, "test");
        try (LlmRing ring = lockRing().lockfile(lockfile).build()) {
            NoUsableBindingException e =
                    assertThrows(NoUsableBindingException.class, () -> ring.chat(request("summarizer")));
            assertTrue(e.getMessage().contains("summarizer"), e.getMessage());
        }
    }

    @Test
    void directProviderModelReferencesBypassAliases() {
        server.stubFor(post("/a/chat").willReturn(answer("direct")));
        try (LlmRing ring =
                lockRing().lockfile(Lockfile.parse(LOCK, Format.TOML, "test")).build()) {
            assertEquals("direct", ring.chat(request("a:other-model")).text());
        }
    }

    @Test
    void aDerivedClientKeepsTheLockfileButMaySwitchProfile() throws IOException {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        try (LlmRing ring = lockRing().lockfile(write()).build();
                LlmRing prod = ring.toBuilder().profile("prod").build()) {
            assertEquals("default", ring.profile());
            assertEquals("prod", prod.profile());
            assertEquals("b:m2", prod.chat(request("assistant")).binding());
        }
    }
}
