package dev.llmring;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes every configured API key from text before it reaches a log line or an exception message: a provider that
 * echoes part of a request (or a key) in an error message must not make us leak it.
 */
final class Redactor {
    static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        // a plain loop, not a stream: this runs at every client build
        List<String> kept = new ArrayList<>(secrets.size());
        for (String s : secrets) {
            if (s.length() >= 4 && !kept.contains(s)) kept.add(s);
        }
        this.secrets = List.copyOf(kept);
    }

    String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, "<redacted>");
        }
        return out;
    }
}
