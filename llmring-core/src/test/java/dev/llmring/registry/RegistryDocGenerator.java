package dev.llmring.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded random registry documents for the differential test: random field orders, wrong types, repeated keys,
 * nulls, nested junk, unicode, big numbers, numbers as strings and negative prices; and mutants of a document.
 */
final class RegistryDocGenerator {
    private static final List<String> ENTRY_FIELDS = List.of(
            "model_name",
            "display_name",
            "model_aliases",
            "max_input_tokens",
            "max_output_tokens",
            "long_context_threshold_tokens",
            "deprecated_date",
            "api_endpoint",
            "dollars_per_million_tokens_input",
            "dollars_per_million_tokens_output",
            "dollars_per_million_tokens_cached_input",
            "dollars_per_million_tokens_cache_read",
            "dollars_per_million_tokens_cache_write_5m",
            "dollars_per_million_tokens_cache_write_1h",
            "dollars_per_million_tokens_output_thinking",
            "dollars_per_million_tokens_input_long_context",
            "dollars_per_million_tokens_output_long_context",
            "supports_vision",
            "supports_VISION",
            "supports_function_calling",
            "supports_json_mode",
            "supports_streaming",
            "is_reasoning_model",
            "is_active",
            "IS_x",
            "Supports_x",
            "notes",
            "provider",
            "version");
    private static final List<String> NUMBERS = List.of(
            "0",
            "1",
            "-1",
            "3",
            "10.0",
            "2.50",
            "0.075",
            "-0.5",
            "1e3",
            "1E-2",
            "2.5e+1",
            "128000",
            "200000",
            "2147483647",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "123456789012345678901234567890.000",
            "1e400",
            "-0",
            "-0.0",
            "0.10",
            "3.0000000000000000000001");
    private static final List<String> TEXTS = List.of(
            "gpt-4o",
            "claude-sonnet-4-5",
            "",
            " ",
            "2025-01-01",
            "2026-02-30",
            "2025-06-01T12:00:00Z",
            "chat",
            "responses",
            "3.50",
            " 7 ",
            "-2",
            "abc",
            "1e2",
            "\\u00e9t\\u00e9",
            "\\ud83d\\ude00",
            "\u00fcml\u00e4ut",
            "\u4e2d\u6587",
            "a\\\"b",
            "tab\\tnl\\n",
            "openai:gpt-4o",
            "true",
            "null",
            "0");

    private final Random random;

    RegistryDocGenerator(Random random) {
        this.random = random;
    }

    String document() {
        List<String> fields = new ArrayList<>();
        fields.add(field("models", random.nextInt(12) == 0 ? value(2) : models()));
        if (random.nextInt(20) == 0) fields.add(field("models", random.nextBoolean() ? models() : value(1)));
        if (random.nextBoolean()) fields.add(field("version", random.nextInt(3) == 0 ? value(1) : pick(NUMBERS)));
        if (random.nextInt(10) == 0) fields.add(field("version", value(1)));
        if (random.nextBoolean()) fields.add(field("updated_at", random.nextInt(3) == 0 ? value(1) : text()));
        for (int i = random.nextInt(3); i > 0; i--) fields.add(field(pick(TEXTS), value(3)));
        String doc = object(fields);
        return random.nextInt(200) == 0 ? doc + ws() + value(1) : doc;
    }

    private String models() {
        List<String> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            String key = random.nextInt(5) == 0 && !keys.isEmpty() ? pick(keys) : key();
            keys.add(key);
            entries.add(field(key, random.nextInt(15) == 0 ? value(2) : entry()));
        }
        return object(entries);
    }

    private String key() {
        return switch (random.nextInt(6)) {
            case 0 -> "m" + random.nextInt(5);
            case 1 -> pick(TEXTS);
            default -> "openai:m" + random.nextInt(20);
        };
    }

    private String entry() {
        List<String> fields = new ArrayList<>();
        for (int i = random.nextInt(14); i > 0; i--) {
            String name = pick(ENTRY_FIELDS);
            fields.add(field(name, valueFor(name)));
            if (random.nextInt(10) == 0) fields.add(field(name, valueFor(name)));
        }
        return object(fields);
    }

    private String valueFor(String name) {
        if (random.nextInt(5) == 0) return value(2);
        if (name.startsWith("dollars") || name.startsWith("max") || name.startsWith("long")) {
            return random.nextInt(4) == 0 ? "\"" + pick(NUMBERS) + "\"" : pick(NUMBERS);
        }
        if (name.startsWith("supports") || name.startsWith("is") || name.startsWith("IS")) {
            return random.nextBoolean() ? "true" : "false";
        }
        if (name.equals("model_aliases")) {
            List<String> items = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) items.add(random.nextInt(4) == 0 ? value(1) : text());
            return "[" + String.join(",", items) + "]";
        }
        return text();
    }

    /** Any JSON value, nesting at most {@code depth} more levels. */
    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2, 3 -> pick(NUMBERS);
            case 4, 5 -> text();
            case 6 -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) items.add(value(depth - 1));
                yield "[" + String.join("," + ws(), items) + "]";
            }
            default -> {
                List<String> fields = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) fields.add(field(key(), value(depth - 1)));
                yield object(fields);
            }
        };
    }

    private String text() {
        return "\"" + pick(TEXTS) + "\"";
    }

    private String field(String name, String value) {
        return "\"" + name + "\"" + ws() + ":" + ws() + value;
    }

    private String object(List<String> fields) {
        List<String> shuffled = new ArrayList<>(fields);
        if (random.nextBoolean()) java.util.Collections.shuffle(shuffled, random);
        return "{" + ws() + String.join("," + ws(), shuffled) + ws() + "}";
    }

    private String ws() {
        return switch (random.nextInt(8)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            default -> "";
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A copy of {@code doc} with one to three bytes flipped, a truncation, an insertion or a deletion. */
    static byte[] mutate(byte[] doc, Random random) {
        byte[] out = doc;
        String tokens = "{}[],:\"\\0123456789.eE-+ ntfrula\u00e9";
        for (int n = 1 + random.nextInt(2); n > 0 && out.length > 0; n--) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    out = out.clone();
                    out[at] = random.nextInt(4) == 0
                            ? (byte) random.nextInt(256)
                            : (byte) tokens.charAt(random.nextInt(28));
                }
                case 1 -> out = Arrays.copyOf(out, at);
                case 2 -> {
                    byte[] piece = List.of(
                                    "null",
                                    "true",
                                    "1e999999999999",
                                    "{",
                                    "}",
                                    "]",
                                    "[",
                                    ",",
                                    "\"x\":1,",
                                    "-0.0",
                                    "\u00e9",
                                    "\"",
                                    "1" + "0".repeat(30),
                                    "{\"models\":{}}")
                            .get(random.nextInt(14))
                            .getBytes(StandardCharsets.UTF_8);
                    byte[] grown = new byte[out.length + piece.length];
                    System.arraycopy(out, 0, grown, 0, at);
                    System.arraycopy(piece, 0, grown, at, piece.length);
                    System.arraycopy(out, at, grown, at + piece.length, out.length - at);
                    out = grown;
                }
                default -> {
                    int len = Math.min(1 + random.nextInt(6), out.length - at);
                    byte[] shrunk = new byte[out.length - len];
                    System.arraycopy(out, 0, shrunk, 0, at);
                    System.arraycopy(out, at + len, shrunk, at, out.length - at - len);
                    out = shrunk;
                }
            }
        }
        return out;
    }
}
