package dev.llmring.cli;

import static dev.llmring.cli.JarProcess.JAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded {@code target/llmring.jar} as a separate process (failsafe, after {@code package}): the manifest,
 * the merged provider services, the logging binding and the exit codes of the real thing. No network: the registry
 * is a local directory ({@code file:}).
 */
class PackagedJarSmokeTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Process process = JarProcess.in(dir, "", command, env).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar did not finish");
        return new Run(
                process.exitValue(),
                Files.readString(dir.resolve(".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(".err"), StandardCharsets.UTF_8));
    }

    private Run llmring(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(JarProcess.jar(args), env);
    }

    @Test
    void theJarInitsBindsAndValidatesALockfile() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");

        Run init = llmring(Map.of("OPENAI_API_KEY", "test-key-123"), "lock", "init");
        assertEquals(0, init.exitCode(), init::toString);
        assertTrue(init.out().contains("fast      openai:gpt-5-nano"), init::toString);

        Run bind = llmring(Map.of(), "bind", "summarizer", "anthropic:claude-haiku-4-5,openai:gpt-5-mini");
        assertEquals(0, bind.exitCode(), bind::toString);

        Run validate = llmring(Map.of(), "lock", "validate");
        assertEquals(0, validate.exitCode(), validate::toString);
        assertTrue(validate.err().isEmpty(), validate::toString);

        Run route = llmring(Map.of("ANTHROPIC_API_KEY", "test-key-456"), "route", "summarizer", "--json");
        assertTrue(route.out().contains("\"serving\" : \"anthropic:claude-haiku-4-5\""), route::toString);
    }

    @Test
    void theJarFindsEveryProviderThroughTheMergedServiceFiles() throws Exception {
        Files.writeString(dir.resolve("llmring.lock"), "[profiles.default]\n");

        Run bind = llmring(Map.of(), "bind", "x", "nope:model");

        assertEquals(2, bind.exitCode(), bind::toString);
        assertTrue(bind.err().contains("known providers: anthropic, google, ollama, openai"), bind::toString);
    }

    @Test
    void theJarExitsOneOnAFindingWithOneLineOnStderr() throws Exception {
        Run run = llmring(Map.of(), "aliases");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void theJarVerifiesReceiptsWithTheBundledBouncyCastle() throws Exception {
        ReceiptSigner signer = new ReceiptSigner("k1");
        Files.writeString(dir.resolve("keys.json"), signer.keySetJson());
        Files.writeString(
                dir.resolve("receipts.jsonl"),
                signer.receipt("rcpt_1", "0.0006375") + "\n"
                        + signer.receipt("rcpt_2", "0.0006375").replace("rcpt_2", "rcpt_X") + "\n");

        Run run = llmring(Map.of(), "receipts", "verify", "receipts.jsonl", "--keys", "keys.json");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("valid    rcpt_1"), run::toString);
        assertTrue(run.out().contains("INVALID  rcpt_X  SIGNATURE_MISMATCH"), run::toString);
    }

    @Test
    void theLauncherScriptRunsTheJar() throws Exception {
        assumeTrue(File.separatorChar == '/', "a POSIX shell script");
        Path script = Path.of("src/main/scripts/llmring").toAbsolutePath();

        Run run = run(
                List.of("sh", script.toString(), "--version"),
                Map.of("LLMRING_JAR", JAR.toString(), "JAVA_HOME", System.getProperty("java.home")));

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("llmring 0"), run::toString);
    }

    @Test
    void theLauncherKeepsAClassDataArchiveAndUsesItSilently() throws Exception {
        assumeTrue(File.separatorChar == '/', "a POSIX shell script");
        Path script = Path.of("src/main/scripts/llmring").toAbsolutePath();
        Map<String, String> env = Map.of("LLMRING_JAR", JAR.toString(), "JAVA_HOME", System.getProperty("java.home"));

        Run first = run(List.of("sh", script.toString(), "--version"), env);
        Run second = run(List.of("sh", script.toString(), "--version"), env);

        try (var archives = Files.list(dir.resolve(".cache/llmring/cds"))) {
            assertEquals(1, archives.filter(f -> f.toString().endsWith(".jsa")).count());
        }
        assertEquals(first.out(), second.out());
        assertEquals("", first.err() + second.err(), "no JVM notice about the archive");
    }

    @Test
    void theJarAnswersFromScriptsWithTheBundledScriptedProvider() throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/happy.json"), "{\"steps\": [{\"reply\": \"scripted hello\"}]}");
        Files.writeString(
                dir.resolve("llmring.lock"),
                "[profiles.default]\n[[profiles.default.bindings]]\nalias = \"fast\"\nmodels = [\"scripted:happy\"]\n");

        Run chat = llmring(Map.of("LLMRING_SCRIPTS", dir.resolve("scripts").toString()), "chat", "fast", "hi");

        assertEquals(0, chat.exitCode(), chat::toString);
        assertEquals("scripted hello\n", chat.out());
    }
}
