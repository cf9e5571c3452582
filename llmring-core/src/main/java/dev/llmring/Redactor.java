package dev.llmring;

import java.util.List;

/**
 * Removes every configured API key from text before it reaches a log line or an exception message: a provider that
 * echoes part of a request (or a key) in an error message must not make us leak it.
 */
final class Redactor {
    static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= 4).distinct().toList();
    }

    String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, "<redacted>");
        }
        return out;
    }
}
