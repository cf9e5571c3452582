package dev.llmring.providers.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** WireMock responses shaped as providers send them: a JSON body, an SSE stream, an NDJSON stream. */
public final class WireResponses {
    private WireResponses() {}

    /** A JSON body with {@code status}. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A 200 {@code text/event-stream} body. */
    public static ResponseDefinitionBuilder eventStream(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("Cache-Control", "no-cache")
                .withBody(body);
    }

    /** A 200 {@code application/x-ndjson} body. */
    public static ResponseDefinitionBuilder ndjson(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson")
                .withBody(body);
    }
}
