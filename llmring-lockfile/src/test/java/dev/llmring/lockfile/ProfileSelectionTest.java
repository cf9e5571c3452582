package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSelectionTest {
    private final Lockfile lock =
            toml("default_profile = \"dev\"\n[profiles.default]\n[profiles.dev]\n[profiles.prod]\n");
    private final Map<String, String> env = Map.of("LLMRING_PROFILE", "prod");

    @Test
    void explicitProfileWins() {
        assertEquals("default", lock.profile("default", env::get).name());
    }

    @Test
    void environmentComesBeforeTheDefaultProfile() {
        assertEquals("prod", lock.profile(null, env::get).name());
    }

    @Test
    void defaultProfileOfTheFileComesNext() {
        assertEquals("dev", lock.profile(" ", k -> null).name());
    }

    @Test
    void defaultIsDefaultWhenTheFileSaysNothing() {
        assertEquals(
                "default",
                toml("[profiles.default]\n[profiles.x]\n")
                        .profile(null, k -> null)
                        .name());
    }

    @Test
    void unknownProfileListsTheExistingOnesAndHowItWasChosen() {
        LockfileException e = assertThrows(
                LockfileException.class, () -> lock.profile(null, Map.of("LLMRING_PROFILE", "staging")::get));
        assertTrue(e.getMessage().contains("'staging'"), e.getMessage());
        assertTrue(e.getMessage().contains("LLMRING_PROFILE"), e.getMessage());
        assertTrue(e.getMessage().contains("[default, dev, prod]"), e.getMessage());
    }

    @Test
    void exactLookupOfAnUnknownProfileListsTheExistingOnes() {
        LockfileException e = assertThrows(LockfileException.class, () -> lock.profile("qa"));
        assertTrue(e.getMessage().contains("[default, dev, prod]"), e.getMessage());
    }
}
