package dev.llmring.providers.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of recorded-shape text: byte flips, truncation, huge numbers, deep nesting, long strings,
 * duplicated members or lines, and the fake key echoed into the text. Each mutation is a pure function of the seed
 * and the input index, so a failure replays from the two numbers printed with it.
 */
final class Mutator {
    /** The fake key every fuzzed client is configured with; it must never come back in any message. */
    static final String FAKE_KEY = "test-key-fuzz-0042";

    /** The classes of mutation, applied one (sometimes two) per input. */
    enum Kind {
        FLIP_BYTES,
        TRUNCATE,
        HUGE_NUMBER,
        DEEP_NESTING,
        LONG_STRING,
        DUPLICATE,
        ECHO_KEY
    }

    private final long seed;
    private final List<Kind> kinds;

    Mutator(long seed, List<Kind> kinds) {
        this.seed = seed;
        this.kinds = List.copyOf(kinds);
    }

    /** One mutated input: what was done, for the failure message, and the text. */
    record Mutant(String description, String text) {}

    /** Input {@code index} derived from {@code original}. */
    Mutant mutate(String original, int index) {
        Random random = new Random(seed * 1_000_003L + index);
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        String text = apply(kind, original, random);
        String description = kind.name();
        if (random.nextInt(4) == 0) {
            Kind second = kinds.get(random.nextInt(kinds.size()));
            text = apply(second, text, random);
            description += "+" + second.name();
        }
        return new Mutant(description, text);
    }

    private static String apply(Kind kind, String text, Random random) {
        return switch (kind) {
            case FLIP_BYTES -> flip(text, random);
            case TRUNCATE -> text.substring(0, random.nextInt(text.length() + 1));
            case HUGE_NUMBER ->
                insert(
                        text,
                        random,
                        pick(
                                random,
                                "1".repeat(2_000),
                                "-9e999999",
                                "1e-400",
                                "123456789012345678901234567890",
                                "18446744073709551616",
                                "0.".concat("0".repeat(1_000)) + "1"));
            case DEEP_NESTING ->
                insert(
                        text,
                        random,
                        pick(
                                random,
                                "[".repeat(5_000),
                                "{\"a\":".repeat(3_000),
                                "[{".repeat(2_000),
                                "a = " + "[".repeat(3_000)));
            case LONG_STRING ->
                insert(
                        text,
                        random,
                        pick(
                                random,
                                "\"" + "x".repeat(300_000) + "\"",
                                "x".repeat(5_000),
                                "\\\"".repeat(2_500),
                                "\\u00e9".repeat(1_000)));
            case DUPLICATE -> duplicate(text, random);
            case ECHO_KEY ->
                insert(
                        text,
                        random,
                        pick(
                                random,
                                FAKE_KEY,
                                "\"" + FAKE_KEY + "\"",
                                "Bearer " + FAKE_KEY,
                                "{\"error\":{\"message\":\"" + FAKE_KEY + "\"}}"));
        };
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String flip(String text, Random random) {
        if (text.isEmpty()) return text;
        char[] chars = text.toCharArray();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(chars.length);
            chars[at] = (char) (random.nextBoolean() ? chars[at] ^ (1 << random.nextInt(8)) : random.nextInt(128));
        }
        return new String(chars);
    }

    private static String insert(String text, Random random, String piece) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + piece + text.substring(at);
    }

    /** Repeats a span that starts at a quote (a JSON member) or a line (a TOML key), right after itself. */
    private static String duplicate(String text, Random random) {
        if (text.isEmpty()) return text;
        int from = random.nextInt(text.length());
        int start = text.indexOf(random.nextBoolean() ? '"' : '\n', from);
        if (start < 0) return text;
        int end = start + 1;
        while (end < text.length() && ",\n}".indexOf(text.charAt(end)) < 0) end++;
        if (end < text.length()) end++;
        return text.substring(0, end) + text.substring(start, end) + text.substring(end);
    }
}
