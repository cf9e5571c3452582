package dev.llmring.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared HTTP plumbing of the batch APIs: headers, result lines one by one, failures without secrets. */
class BatchHttpTest extends BatchTestBase {
    private BatchHttp http() {
        return new BatchHttp(
                HttpClient.newHttpClient(),
                "openai",
                URI.create("http://127.0.0.1:" + server.wm.port() + "/v1/"),
                Map.of("Authorization", "Bearer test-key-abc"));
    }

    private void stub(String path, int status, String body) {
        server.wm.stubFor(
                get(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private List<JsonNode> lines(String path) {
        BatchHttp http = http();
        List<JsonNode> out = new ArrayList<>();
        http.lines(
                "GET " + path,
                http.request(URI.create(http.base() + path)).GET().build(),
                out::add);
        return out;
    }

    @Test
    void resultLinesAreHandedOverOneByOneSkippingBlankOnesWithTheHeaders() {
        stub(
                "/v1/files/f/content",
                200,
                "{\"custom_id\":\"a\"}\r\n\n{\"custom_id\":\"b\"}\n   \n{\"custom_id\":\"c\"}");

        List<JsonNode> got = lines("/files/f/content");

        assertEquals(
                List.of("a", "b", "c"),
                got.stream().map(n -> n.path("custom_id").asText()).toList());
        assertEquals(
                "Bearer test-key-abc",
                server.wm
                        .findAll(getRequestedFor(urlEqualTo("/v1/files/f/content")))
                        .get(0)
                        .getHeader("Authorization"));
    }

    @Test
    void aFailedStatusNamesTheCallAndStatusButNeitherBodyNorKey() {
        stub("/v1/files/f/content", 401, "{\"error\":{\"message\":\"Incorrect API key provided: test-key-abc\"}}");

        ProviderBatchException e = assertThrows(ProviderBatchException.class, () -> lines("/files/f/content"));

        assertEquals("openai batch: GET /files/f/content: HTTP 401", e.getMessage());
    }

    @Test
    void aResultLineThatIsNotJsonFailsWithoutQuotingIt() {
        stub("/v1/files/f/content", 200, "{\"custom_id\":\"a\"}\nsecret prompt text, not json\n");
        List<JsonNode> got = new ArrayList<>();
        BatchHttp http = http();

        ProviderBatchException e = assertThrows(
                ProviderBatchException.class,
                () -> http.lines(
                        "GET /files/f/content",
                        http.request(URI.create(http.base() + "/files/f/content"))
                                .GET()
                                .build(),
                        got::add));

        assertEquals(1, got.size(), "the line before was handed over first");
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
