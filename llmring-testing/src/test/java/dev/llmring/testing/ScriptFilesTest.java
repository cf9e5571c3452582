package dev.llmring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.StreamEvent.ToolCallComplete;
import dev.llmring.StreamEvent.UsageReport;
import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptFilesTest {
    @TempDir
    Path dir;

    private static Script read(String json) {
        InputStream in = new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        return ScriptFiles.read("s", in, "test.json");
    }

    @Test
    void classpathScriptIsFoundByTheServiceLoaderInstance() throws IOException {
        ProviderAdapter a = new ScriptedProvider()
                .create(ProviderConfig.builder("scripted")
                        .environment(k -> null)
                        .build());
        assertEquals(503, Exchange.call(a, "from-classpath", false).status);
        Exchange x = Exchange.call(a, "from-classpath", false);
        assertEquals("hello from a file", x.text());
        assertEquals(
                Usage.builder()
                        .inputTokens(10)
                        .outputTokens(4)
                        .cachedInputTokens(2)
                        .reasoningTokens(1)
                        .build(),
                x.events(UsageReport.class).get(0).usage());
        ToolCallComplete call = Exchange.call(a, "from-classpath", true)
                .events(ToolCallComplete.class)
                .get(0);
        assertEquals("{\"city\":\"Oslo\"}", call.call().argumentsJson());
    }

    @Test
    void failureStepSendsRetryAfterFromTheFile() throws IOException {
        ProviderAdapter a = new ScriptedProvider()
                .create(ProviderConfig.builder("scripted")
                        .environment(k -> null)
                        .build());
        assertEquals(
                "20",
                Exchange.call(a, "from-classpath", false)
                        .header("retry-after-ms")
                        .orElseThrow());
    }

    @Test
    void directoryNamedByTheEnvironmentIsSearched() throws IOException {
        Files.writeString(dir.resolve("from-env.json"), "[{\"reply\": \"env\"}]");
        ProviderAdapter a = Adapters.of(Map.of(ScriptedProvider.SCRIPTS_ENV, dir.toString()));
        assertEquals("env", Exchange.call(a, "from-env", false).text());
    }

    @Test
    void builderDirectoryComesBeforeTheEnvironmentsAndTheClasspath() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(dir.resolve("from-classpath.json"), "[{\"reply\": \"builder dir\"}]");
        Files.writeString(other.resolve("from-classpath.json"), "[{\"reply\": \"env dir\"}]");
        ProviderAdapter a = ScriptedProvider.builder()
                .scriptsDirectory(dir)
                .build()
                .create(ProviderConfig.builder("scripted")
                        .environment(Map.of("LLMRING_SCRIPTS", other.toString())::get)
                        .build());
        assertEquals("builder dir", Exchange.call(a, "from-classpath", false).text());
    }

    @Test
    void scriptGivenInCodeComesBeforeFiles() throws IOException {
        ProviderAdapter a = Adapters.of(
                ScriptedProvider.script("from-classpath").reply("code").build());
        assertEquals("code", Exchange.call(a, "from-classpath", false).text());
    }

    @Test
    void brokenScriptFileIsAnInvalidRequestNamingStepAndField() throws IOException {
        Exchange x = Exchange.call(
                new ScriptedProvider().create(ProviderConfig.builder("scripted").build()), "broken", false);
        assertEquals(400, x.status);
        assertEquals(ErrorKind.INVALID_REQUEST, x.error.kind());
        assertTrue(x.error.message().contains("step 2") && x.error.message().contains("'replay'"), x.error.message());
    }

    @Test
    void deeplyNestedScriptIsAnIllegalArgumentNamingTheSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("[".repeat(5000)));
        assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains("nesting depth"), e.getMessage());
    }

    @Test
    void objectFormReadsCycleAndSteps() {
        Script s = read("{'cycle':true,'steps':[{'reply':'a'},{'reply':'b'}]}");
        assertTrue(s.cycles());
        assertEquals(2, s.size());
    }

    @Test
    void everyStepFieldMapsToTheBuilder() {
        Script s = read("[{'reasoning':'r','reply':'t','finish':'length','chunk':2,'event_delay_ms':1,"
                + "'cut_after':3,'delay_ms':4,'tool_calls':[{'id':'c1','name':'f','arguments':'{}'}]},"
                + "{'fail':400,'error':'context_window_exceeded','retry_after_ms':5,'times':2},"
                + "{'reply':'x','malformed_after':1},{'reply':'y','error_after':2,'error_status':503},{'echo':true}]");
        Step first = s.step(0);
        assertEquals(
                List.of("r", "t", "length", 2, 1L, 3, 4L, "c1"),
                List.of(
                        first.reasoning(),
                        first.text(),
                        first.finish(),
                        first.chunkSize(),
                        first.eventDelay().toMillis(),
                        first.cutAfter(),
                        first.delay().toMillis(),
                        first.toolCalls().get(0).id()));
        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, s.step(1).failKind());
        assertEquals(400, s.step(2).failStatus());
        assertEquals(1, s.step(3).malformedAfter());
        assertEquals(503, s.step(4).errorStatus());
        assertTrue(s.step(5).echo());
    }

    @Test
    void unknownErrorKindIsRefusedListingTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> read("[{'fail':500,'error':'kaput'}]"));
        assertTrue(e.getMessage().contains("kaput") && e.getMessage().contains("unavailable"), e.getMessage());
    }

    @Test
    void replyAndFailInOneStepIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> read("[{'fail':500,'reply':'x'}]"));
        assertTrue(e.getMessage().startsWith("script test.json, step 1:"), e.getMessage());
    }

    @Test
    void malformedJsonIsRefusedNamingTheSource() {
        var e = assertThrows(IllegalArgumentException.class, () -> read("[{'reply':"));
        assertTrue(e.getMessage().contains("test.json"), e.getMessage());
    }

    @Test
    void emptyStepListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> read("{'steps':[]}"));
    }

    @Test
    void serviceLoaderFindsTheScriptedProvider() {
        Module self = getClass().getModule();
        if (self.isNamed()) self.addUses(dev.llmring.spi.ProviderFactory.class); // the test runs inside the module
        assertTrue(java.util.ServiceLoader.load(dev.llmring.spi.ProviderFactory.class).stream()
                .anyMatch(p -> p.get().name().equals("scripted")));
    }

    @Test
    void serviceFileNamesTheProvider() throws IOException {
        try (InputStream in =
                ScriptedProvider.class.getResourceAsStream("/META-INF/services/dev.llmring.spi.ProviderFactory")) {
            assertEquals(
                    "dev.llmring.testing.ScriptedProvider",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
