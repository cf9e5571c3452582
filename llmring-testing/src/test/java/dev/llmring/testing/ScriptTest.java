package dev.llmring.testing;

import static dev.llmring.testing.ScriptedProvider.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.Usage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptTest {

    @Test
    void thenStartsANewStep() {
        Script s = script("flaky")
                .failWith(503)
                .then()
                .reply("a")
                .then()
                .reply("b")
                .build();
        assertEquals(3, s.size());
        assertEquals(503, s.step(0).failStatus());
        assertEquals("a", s.step(1).text());
    }

    @Test
    void lastStepRepeatsUnlessTheScriptCycles() {
        Script repeat = script("r").reply("a").then().reply("b").build();
        Script cycle = script("c").reply("a").then().reply("b").cycle().build();
        assertEquals("b", repeat.step(4).text());
        assertEquals("a", cycle.step(4).text());
    }

    @Test
    void timesAddsTheStepRepeatedly() {
        Script s = script("t").failWith(500).times(3).then().reply("ok").build();
        assertEquals(4, s.size());
        assertEquals(500, s.step(2).failStatus());
    }

    @Test
    void failureStatusOutsideTheErrorRangeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> script("x").failWith(302));
        assertTrue(e.getMessage().contains("302"), e.getMessage());
    }

    @Test
    void replyAndFailureInOneStepAreRefused() {
        var e = assertThrows(
                IllegalStateException.class, () -> script("x").failWith(503).reply("hello"));
        assertTrue(e.getMessage().contains("then()"), e.getMessage());
        assertThrows(
                IllegalStateException.class, () -> script("x").reply("hello").failWith(503));
    }

    @Test
    void retryAfterWithoutAFailureIsRefused() {
        assertThrows(IllegalStateException.class, () -> script("x").reply("a").retryAfter(Duration.ofSeconds(1)));
    }

    @Test
    void stepThatNeitherRepliesNorFailsIsRefused() {
        var e = assertThrows(
                IllegalStateException.class, () -> script("x").reply("a").then().build());
        assertTrue(e.getMessage().contains("step 2"), e.getMessage());
    }

    @Test
    void scriptNameMustBeUsableAsAModelName() {
        var e = assertThrows(IllegalArgumentException.class, () -> script("no spaces"));
        assertTrue(e.getMessage().contains("no spaces"), e.getMessage());
    }

    @Test
    void negativeEventCountsAndChunkSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> script("x").cutAfter(-1));
        assertThrows(IllegalArgumentException.class, () -> script("x").chunkSize(0));
        assertThrows(IllegalArgumentException.class, () -> script("x").delay(Duration.ofMillis(-1)));
    }

    @Test
    void inconsistentUsageIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> script("x")
                .usage(Usage.builder().inputTokens(1).cachedInputTokens(2).build()));
    }

    @Test
    void echoAndTextAreExclusive() {
        assertThrows(IllegalStateException.class, () -> script("x").reply("a").echo());
    }

    @Test
    void duplicateScriptNamesAreRefusedByTheProviderBuilder() {
        Script a = script("same").reply("a").build();
        assertThrows(
                IllegalArgumentException.class,
                () -> ScriptedProvider.builder().script(a).script(a));
    }
}
