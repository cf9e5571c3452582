package dev.llmring.limits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmring.ChatRequest;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingListener;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** With this module present, the lockfile's limits take effect without any code: found by ServiceLoader. */
class DiscoveryTest {
    private final TestClock clock = new TestClock();
    private final List<String> waits = new CopyOnWriteArrayList<>();

    @Test
    void theLockfilesRateLimitMakesTheThirdCallWaitForTheBucket() {
        Lockfile lock = Lockfile.parse(
                "version = \"1.0\"\n[profiles.default]\nname = \"default\"\n[[profiles.default.bindings]]\n"
                        + "alias = \"chat\"\nmodels = [\"scripted:happy\"]\n"
                        + "[profiles.default.bindings.constraints]\nrequests_per_minute = 2\n",
                Format.TOML,
                "llmring.lock");
        ScriptedProvider scripted = ScriptedProvider.builder()
                .script(ScriptedProvider.script("happy").reply("hi").cycle().build())
                .build();
        try (LlmRing ring = LlmRing.builder()
                .lockfile(lock)
                .discoverProviders(false)
                .provider(scripted)
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .clock(clock)
                .sleeper(clock)
                .listener(new LlmRingListener() {
                    @Override
                    public void waited(Call call, String binding, Duration waited, String reason) {
                        waits.add(binding + " " + waited.toSeconds() + "s " + reason);
                    }
                })
                .build()) {
            for (int i = 0; i < 3; i++) {
                ring.chat(ChatRequest.builder("chat").user("hello").build());
            }
        }
        assertEquals(List.of("scripted:happy 30s requests_per_minute = 2 for alias 'chat'"), waits);
    }
}
