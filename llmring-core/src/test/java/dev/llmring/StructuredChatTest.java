package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ring.chat(request, Type.class)}: asks for the record's schema, reads the answer back as the record. */
class StructuredChatTest extends WireMockSupport {
    record Person(String name, int age) {}

    interface NotARecord {}

    private static void answerWith(String json) {
        String escaped = json.replace("\\", "\\\\").replace("\"", "\\\"");
        server.stubFor(post("/a/chat")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"text\":\"" + escaped
                                + "\"},{\"usage\":{\"in\":3,\"out\":5}},{\"finish\":\"stop\"}]")));
    }

    @Test
    void theAnswerIsReadAsTheRecordAndTheRequestAskedForItsSchema() {
        answerWith("{\"name\":\"Ada\",\"age\":36}");
        try (LlmRing ring = ring().build()) {
            assertEquals(new Person("Ada", 36), ring.chat(request("a:m1"), Person.class));
        }
        server.verify(postRequestedFor(urlEqualTo("/a/chat"))
                .withRequestBody(containing("\"format\":\"json_schema\""))
                .withRequestBody(containing("\"schema_name\":\"Person\"")));
    }

    @Test
    void aResponseFormatTheRequestNamesIsKept() {
        answerWith("{\"name\":\"Ada\",\"age\":36}");
        ChatRequest request = ChatRequest.builder("a:m1")
                .user("Who?")
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .build();
        try (LlmRing ring = ring().build()) {
            assertEquals(new Person("Ada", 36), ring.chat(request, Person.class));
        }
        server.verify(
                postRequestedFor(urlEqualTo("/a/chat")).withRequestBody(containing("\"format\":\"json_object\"")));
    }

    @Test
    void anAnswerThatDoesNotMatchNamesEveryViolationAndCarriesTheTrace() {
        answerWith("{\"name\":7,\"age\":\"old\",\"extra\":true}");
        try (LlmRing ring = ring().build()) {
            StructuredOutputException e =
                    assertThrows(StructuredOutputException.class, () -> ring.chat(request("a:m1"), Person.class));
            assertEquals(
                    List.of(
                            "/name: expected string, got integer",
                            "/age: expected integer, got string",
                            "/extra: property is not allowed by the schema"),
                    e.violations());
            assertTrue(e.trace().orElseThrow().servedBy().isPresent());
        }
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void aTypeWithoutASchemaFailsBeforeAnythingIsSent() {
        try (LlmRing ring = ring().build()) {
            assertThrows(IllegalArgumentException.class, () -> ring.chat(request("a:m1"), NotARecord.class));
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }
}
