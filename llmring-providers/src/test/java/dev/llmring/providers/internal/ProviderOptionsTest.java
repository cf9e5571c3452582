package dev.llmring.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.InvalidRequestException;
import dev.llmring.providers.testsupport.TestResources;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {
    private static final ProviderOptions POLICY =
            ProviderOptions.owning("model", "messages").mergingInto("config");

    private static ObjectNode body() {
        ObjectNode body =
                ProviderJson.mapper().createObjectNode().put("model", "m").put("temperature", 0.5);
        body.putObject("config").put("seed", 7);
        return body;
    }

    private static InvalidRequestException refusal(Map<String, Object> options) {
        return assertThrows(InvalidRequestException.class, () -> POLICY.merge(body(), options, "acme", "m"));
    }

    @Test
    void addsNewKeysAsTopLevelFields() {
        ObjectNode body = body();
        POLICY.merge(body, Map.of("top_k", 5, "metadata", Map.of("user", "u-1")), "acme", "m");

        assertEquals(5, body.get("top_k").asInt());
        assertEquals(TestResources.json("{\"user\":\"u-1\"}"), body.get("metadata"));
    }

    @Test
    void writesANullOptionAsJsonNull() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("stop", null);
        ObjectNode body = body();
        POLICY.merge(body, options, "acme", "m");

        assertTrue(body.get("stop").isNull());
    }

    @Test
    void refusesAnOwnedKeyNamingKeyAndProvider() {
        InvalidRequestException e = refusal(Map.of("messages", "x"));

        assertTrue(e.getMessage().contains("'messages'"), e.getMessage());
        assertTrue(e.getMessage().contains("acme"), e.getMessage());
        assertEquals("acme", e.details().provider().orElseThrow());
    }

    @Test
    void refusesAKeyTheRequestAlreadySet() {
        InvalidRequestException e = refusal(Map.of("temperature", 1.0));

        assertTrue(e.getMessage().contains("'temperature'"), e.getMessage());
        assertTrue(e.getMessage().contains("acme"), e.getMessage());
    }

    @Test
    void mergesNewKeysIntoANestedObject() {
        ObjectNode body = body();
        POLICY.merge(body, Map.of("config", Map.of("top_k", 3)), "acme", "m");

        assertEquals(TestResources.json("{\"seed\":7,\"top_k\":3}"), body.get("config"));
    }

    @Test
    void refusesANestedKeyTheRequestAlreadySet() {
        InvalidRequestException e = refusal(Map.of("config", Map.of("seed", 1)));

        assertTrue(e.getMessage().contains("'config.seed'"), e.getMessage());
    }

    @Test
    void refusesReplacingANestedObjectWithAScalar() {
        InvalidRequestException e = refusal(Map.of("config", "x"));

        assertTrue(e.getMessage().contains("'config'"), e.getMessage());
    }

    @Test
    void refusesAValueThatIsNotJson() {
        InvalidRequestException e = refusal(Map.of("hook", new Object()));

        assertTrue(e.getMessage().contains("'hook'"), e.getMessage());
        assertTrue(e.getMessage().contains("not a JSON value"), e.getMessage());
    }
}
