package dev.llmring.lens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads a prompts JSONL file (batch input shape, full or short) into prompts, failing on the first bad line. */
final class PromptLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptLines() {}

    static List<PromptSet.Prompt> read(Path file) {
        List<PromptSet.Prompt> prompts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                prompts.add(parse(file, line, text));
            }
        } catch (IOException e) {
            throw new LensException("cannot read prompts file " + file + ": " + e.getMessage(), file.toString(), 0, e);
        }
        if (prompts.isEmpty())
            throw new LensException("prompts file " + file + " holds no prompt", file.toString(), 0, null);
        return prompts;
    }

    private static PromptSet.Prompt parse(Path file, int line, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad(file, line, null, "is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) throw bad(file, line, null, "is not a JSON object");
        String id = root.path("custom_id").isTextual() ? root.get("custom_id").asText() : "line-" + line;
        JsonNode request = root;
        if (root.has("body")) {
            String method = root.path("method").asText("POST");
            if (!method.equalsIgnoreCase("POST")) throw bad(file, line, "method", "must be POST, got '" + method + "'");
            request = root.get("body");
            if (!request.isObject()) throw bad(file, line, "body", "must be an object");
        }
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw bad(file, line, "messages", "must be a non-empty array");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) out.add(message(file, line, i, messages.get(i)));
        Integer max = null;
        for (String field : new String[] {"max_tokens", "max_completion_tokens", "max_output_tokens"}) {
            JsonNode n = request.get(field);
            if (n == null || n.isNull()) continue;
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
                throw bad(file, line, field, "must be a positive integer, got " + n);
            }
            max = n.asInt();
        }
        Double temperature = null;
        JsonNode t = request.get("temperature");
        if (t != null && !t.isNull()) {
            if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2) {
                throw bad(file, line, "temperature", "must be a number from 0 to 2, got " + t);
            }
            temperature = t.asDouble();
        }
        return new PromptSet.Prompt(id, out, max, temperature);
    }

    private static Message message(Path file, int line, int index, JsonNode m) {
        String where = "messages[" + index + "]";
        String role = m.path("role").asText("").toLowerCase(Locale.ROOT);
        JsonNode content = m.get("content");
        String text;
        if (content != null && content.isTextual()) {
            text = content.asText();
        } else if (content != null && content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())) {
                    throw bad(
                            file,
                            line,
                            where + ".content",
                            "holds a part of type '" + part.path("type").asText()
                                    + "'; the lens sends text parts only");
                }
                sb.append(part.path("text").asText());
            }
            text = sb.toString();
        } else {
            throw bad(file, line, where + ".content", "must be a string or a list of text parts");
        }
        switch (role) {
            case "system":
            case "developer":
                return Message.system(text);
            case "user":
                return Message.user(text);
            case "assistant":
                return Message.assistant(text);
            default:
                throw bad(
                        file,
                        line,
                        where + ".role",
                        "must be system, developer, user or assistant, got '" + role + "'");
        }
    }

    private static LensException bad(Path file, int line, @Nullable String field, String what) {
        String subject = field == null ? "the line" : "field '" + field + "'";
        return new LensException(file + ":" + line + ": " + subject + " " + what, file.toString(), line, null);
    }
}
