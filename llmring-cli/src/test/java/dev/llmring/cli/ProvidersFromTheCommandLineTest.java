package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compatible servers declared by flag or environment, and the scripted provider of llmring-testing. */
class ProvidersFromTheCommandLineTest extends CliTestBase {
    OpenAiStub server;

    @BeforeEach
    void setUp() {
        server = new OpenAiStub();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void givenAliasFastOn(String... refs) {
        givenLockfile("[profiles.default]\n[[profiles.default.bindings]]\nalias = \"fast\"\nmodels = [\""
                + String.join("\", \"", refs) + "\"]\n");
    }

    @Test
    void aServerDeclaredByFlagServesItsBindings() {
        givenAliasFastOn("local:qwen2.5");
        server.streams("qwen2.5", 3, 2, "hi", " there");
        cli.env.put("LOCAL_API_KEY", "test-key");

        CliRunner.Result r =
                cli.run("chat", "fast", "Say hi", "--provider-endpoint", "local=openai@" + server.baseUrl());

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("hi there\n", r.out());
        assertTrue(r.err().contains("[local:qwen2.5]"), r::toString);
    }

    @Test
    void aServerDeclaredInTheEnvironmentIsAKnownProvider() {
        givenAliasFastOn("openai:gpt-5-nano");
        cli.env.put(
                "LLMRING_PROVIDER_ENDPOINTS",
                "local=openai@" + server.baseUrl() + ",lab=anthropic@https://lab.example/");

        CliRunner.Result r = cli.run("bind", "fast", "lab:claude-x,local:qwen2.5");

        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aMalformedDeclarationIsAUsageErrorShowingTheForm() {
        givenAliasFastOn("openai:gpt-5-nano");

        CliRunner.Result r = cli.run("aliases", "--provider-endpoint", "local:http://127.0.0.1:8000");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("NAME=PROTOCOL@URL"), r::toString);
    }

    @Test
    void anUnknownProtocolIsAUsageErrorListingTheKnownOnes() {
        givenAliasFastOn("openai:gpt-5-nano");

        CliRunner.Result r = cli.run("route", "fast", "--provider-endpoint", "local=grpc@http://127.0.0.1:8000");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(
                r.err().contains("no adapter speaks protocol 'grpc' (known: anthropic, google, ollama, openai)"),
                r::toString);
    }

    @Test
    void scriptsFromADirectoryAnswerAndFailOverOffline() {
        Path scripts = Fixtures.write(
                        dir.resolve("scripts"), "happy.json", "{\"steps\": [{\"reply\": \"from a script\"}]}")
                .getParent();
        givenAliasFastOn("scripted:missing", "scripted:happy");

        CliRunner.Result r = cli.run("chat", "fast", "hello", "--scripts", scripts.toString());

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("from a script\n", r.out());
        assertTrue(r.err().contains("scripted:missing"), r::toString);
    }

    @Test
    void llmringScriptsInTheEnvironmentEnablesTheScriptedProvider() {
        Path scripts = Fixtures.write(dir.resolve("s"), "echo.json", "{\"steps\": [{\"echo\": true}]}")
                .getParent();
        givenAliasFastOn("scripted:echo");
        cli.env.put("LLMRING_SCRIPTS", scripts.toString());

        CliRunner.Result r = cli.run("chat", "fast", "ping", "--json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"text\":\"ping\""), r::toString);
    }

    @Test
    void withoutScriptsTheScriptedProviderIsNotKnown() {
        givenAliasFastOn("openai:gpt-5-nano");

        CliRunner.Result r = cli.run("bind", "fast", "scripted:happy");

        assertEquals(2, r.exitCode(), r::toString);
    }
}
