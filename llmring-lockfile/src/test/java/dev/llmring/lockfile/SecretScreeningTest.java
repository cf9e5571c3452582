package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.json;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anything key-shaped anywhere in a lockfile is refused, and the error names the place but not the secret. */
class SecretScreeningTest {
    private static final String HEAD = "[profiles.default]\nname = \"default\"\n";

    private static void assertRefusedWithoutShowing(String secret, LockfileException e) {
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertFalse(e.getMessage().contains(secret.substring(8)), e.getMessage());
        assertTrue(e.getMessage().contains("not shown"), e.getMessage());
    }

    @Test
    void refusesAnOpenAiShapedKeyInMetadata() {
        String key = Fixtures.openAiShaped();
        LockfileException e = assertThrows(
                LockfileException.class, () -> toml("version = \"1.0\"\n[metadata]\napi_key = \"" + key + "\"\n"));
        assertRefusedWithoutShowing(key, e);
        assertEquals(3, e.line());
        assertEquals("metadata.api_key", e.field().orElseThrow());
    }

    @Test
    void refusesAnAnthropicShapedKeyAsAModelName() {
        String key = Fixtures.anthropicShaped();
        LockfileException e = assertThrows(
                LockfileException.class,
                () -> toml(
                        HEAD + "[[profiles.default.bindings]]\nalias = \"a\"\nmodels = [\"anthropic:" + key + "\"]\n"));
        assertRefusedWithoutShowing(key, e);
        assertEquals("profiles.default.bindings[0].models[0]", e.field().orElseThrow());
        assertEquals(5, e.line());
    }

    @Test
    void refusesAGoogleShapedKeyInJson() {
        String key = Fixtures.googleShaped();
        LockfileException e =
                assertThrows(LockfileException.class, () -> json("{\n\"metadata\": {\"google\": \"" + key + "\"}}"));
        assertRefusedWithoutShowing(key, e);
        assertEquals(2, e.line());
        assertEquals("metadata.google", e.field().orElseThrow());
    }

    @Test
    void refusesAHighEntropyTokenInAConstraint() {
        String key = Fixtures.highEntropy();
        LockfileException e = assertThrows(
                LockfileException.class,
                () -> toml(HEAD
                        + "[[profiles.default.bindings]]\nalias = \"a\"\nmodels = [\"openai:gpt-4o\"]\n"
                        + "[profiles.default.bindings.constraints]\ntoken = \"" + key + "\"\n"));
        assertRefusedWithoutShowing(key, e);
        assertEquals(7, e.line());
    }

    @Test
    void refusesALongLowercaseHexToken() {
        String hex = "0123456789abcdef".repeat(4);
        LockfileException e =
                assertThrows(LockfileException.class, () -> toml("[metadata]\ntoken = \"" + hex + "\"\n"));
        assertRefusedWithoutShowing(hex, e);
    }

    @Test
    void refusesAKeyInAComment() {
        String key = Fixtures.openAiShaped();
        LockfileException e = assertThrows(
                LockfileException.class, () -> toml("version = \"1.0\"\n\n   # OPENAI_API_KEY=" + key + "\n"));
        assertRefusedWithoutShowing(key, e);
        assertEquals(3, e.line());
        assertEquals(21, e.column());
    }

    @Test
    void refusesAKeyUsedAsATableKey() {
        String key = Fixtures.openAiShaped();
        LockfileException e = assertThrows(LockfileException.class, () -> toml("[metadata]\n\"" + key + "\" = true\n"));
        assertRefusedWithoutShowing(key, e);
    }

    @Test
    void refusesAnUnquotedKeyThatBreaksTheSyntaxWithoutEchoingIt() {
        String key = Fixtures.openAiShaped();
        LockfileException e = assertThrows(LockfileException.class, () -> json("{\"metadata\": {\"k\": " + key + "}}"));
        assertRefusedWithoutShowing(key, e);
    }

    @Test
    void refusesAKeyHiddenBehindJsonEscapes() {
        String key = Fixtures.openAiShaped();
        String escaped = "\\u0073" + key.substring(1);
        LockfileException e =
                assertThrows(LockfileException.class, () -> json("{\"metadata\": {\"k\": \"" + escaped + "\"}}"));
        assertRefusedWithoutShowing(key, e);
        assertEquals("metadata.k", e.field().orElseThrow());
    }

    @Test
    void refusesABearerToken() {
        LockfileException e = assertThrows(
                LockfileException.class, () -> toml("[metadata]\nheader = \"Bearer " + "abcdefghijklmnopqrstuvwx\"\n"));
        assertTrue(e.getMessage().contains("bearer"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "anthropic:claude-sonnet-4-5-20250929",
                "openai:gpt-4o-2024-08-06",
                "openai:ft:gpt-4o-mini-2024-07-18:acme-corp::9AbCdEfG",
                "google:gemini-2.5-flash-preview-05-20",
                "together:meta-llama/Llama-3.3-70B-Instruct-Turbo",
                "bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0",
                "ollama:llama3.1:70b-instruct-q4_K_M",
                "openai:o3-mini-2025-01-31",
                "openrouter:mistralai/mixtral-8x22b-instruct",
            })
    void acceptsRealModelNames(String ref) {
        Lockfile lock = toml(HEAD + "[[profiles.default.bindings]]\nalias = \"a\"\nmodels = [\"" + ref + "\"]\n");
        assertEquals(
                ref,
                lock.profile("default")
                        .binding("a")
                        .orElseThrow()
                        .models()
                        .get(0)
                        .toString());
    }

    @Test
    void acceptsDigestsTimestampsAndIdentifiersInMetadata() {
        Lockfile lock = toml("[metadata]\n"
                + "commit = \"3f786850e387550fdab836ed7e6dc881de23001b\"\n"
                + "compact = \"claude35sonnet20241022\"\n"
                + "uuid = \"550e8400-e29b-41d4-a716-446655440000\"\n"
                + "repo = \"https://github.com/acme/support-bot/tree/main/config\"\n"
                + "note = \"Keys live in OPENAI_API_KEY and ANTHROPIC_API_KEY, never here\"\n"
                + "built = \"2025-09-28T12:05:34.812341+00:00\"\n");
        assertEquals(6, lock.metadata().size());
    }

    @Test
    void scannerFindsNothingInPlainText() {
        assertNull(SecretScanner.find("internationalization support-bot claude-opus-4-1-20250805"));
    }

    @Test
    void editingRefusesToAddAKeyShapedValue() {
        Lockfile lock = Lockfile.empty(Fixtures.CLOCK);
        String key = Fixtures.googleShaped();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lock.withMetadata(Map.of("k", key), Fixtures.CLOCK));
        assertFalse(e.getMessage().contains(key), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> lock.bind(
                        "default", "a", List.of(new ModelRef("openai", Fixtures.openAiShaped())), Fixtures.CLOCK));
    }
}
