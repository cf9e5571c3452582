package dev.llmring.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code llmring batch run --mode provider} in process, against a loopback OpenAI Files and Batch API. */
class BatchProviderModeCommandTest extends CliTestBase {
    WireMockServer wm;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        cli.env.put("OPENAI_API_KEY", "test-key-123");
        cli.env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + wm.port() + "/v1");
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private void json(boolean isGet, String path, String body) {
        wm.stubFor((isGet ? get(urlEqualTo(path)) : post(urlEqualTo(path)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private void input(String model) throws IOException {
        Files.writeString(
                dir.resolve("in.jsonl"),
                "{\"custom_id\":\"a\",\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say"
                        + " hi\"}],\"max_tokens\":20}\n");
    }

    @Test
    void providerModeSendsTheLinesThroughTheBatchApiAndWritesTheirRecords() throws IOException {
        input("openai:gpt-5-nano");
        json(false, "/v1/files", "{\"id\":\"file-in\",\"object\":\"file\",\"bytes\":120,\"purpose\":\"batch\"}");
        String batch = "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":\"24h\",\"status\":\"%s\",\"output_file_id\":%s,\"error_file_id\":null,"
                + "\"request_counts\":{\"total\":1,\"completed\":1,\"failed\":0}}";
        json(false, "/v1/batches", String.format(batch, "validating", "null"));
        json(true, "/v1/batches/batch_1", String.format(batch, "completed", "\"file-out\""));
        json(
                true,
                "/v1/files/file-out/content",
                "{\"id\":\"batch_req_1\",\"custom_id\":\"a\",\"response\":{\"status_code\":200,\"request_id\":\"r1\","
                        + "\"body\":{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-5-nano\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
                        + "\"total_tokens\":10}}},\"error\":null}\n");

        CliRunner.Result r =
                cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--mode", "provider", "--max-resubmits", "1");

        assertEquals(0, r.exitCode(), r::toString);
        String out = Files.readString(dir.resolve("out.jsonl"));
        assertTrue(out.contains("\"text\":\"hi\""), out);
        assertTrue(out.contains("\"mode\":\"provider\""), out);
        assertEquals(
                0,
                wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size());
    }

    @Test
    void aProviderWithoutABatchApiIsAUsageErrorNamingTheBinding() throws IOException {
        input("ollama:llama3.2");
        cli.env.put("OLLAMA_HOST", "http://127.0.0.1:" + wm.port());

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--mode", "provider");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("ollama:llama3.2"), r::toString);
        assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/v1/files"))).size());
    }

    @Test
    void anUnknownModeIsAUsageError() throws IOException {
        input("openai:gpt-5-nano");

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--mode", "turbo");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--mode must be live or provider"), r::toString);
    }

    @Test
    void noWaitOutsideProviderModeIsAUsageError() throws IOException {
        input("openai:gpt-5-nano");

        CliRunner.Result r = cli.run("batch", "run", "in.jsonl", "--out", "out.jsonl", "--no-wait");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--no-wait applies to --mode provider only"), r::toString);
    }
}
