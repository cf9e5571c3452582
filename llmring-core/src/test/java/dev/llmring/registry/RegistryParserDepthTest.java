package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryParserDepthTest {
    @Test
    void deeplyNestedRegistryDocumentIsARegistryExceptionNamingTheSource() {
        byte[] body = ("{\"models\":{\"openai:x\":{\"extra\":" + "[".repeat(5000)).getBytes(StandardCharsets.UTF_8);

        RegistryException e = assertThrows(
                RegistryException.class, () -> RegistryParser.parse(body, "openai", null, "https://registry.test/"));

        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }
}
