package dev.llmring.lockfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random TOML 1.0 documents, built from the grammar so they are valid (unique keys, each table defined once),
 * and mutations of them (a character replaced, the text cut short, a line repeated or two lines swapped) that mostly
 * are not.
 */
final class TomlGenerator {
    private static final String MUTATION_CHARS = "\"'[]{}=.,#\n\r\t \\_-+:0189aeEfintxobZTzu\u0001\u007f\u00e9";
    private static final String[] SCALARS = {
        "0",
        "+0",
        "-0",
        "42",
        "-17",
        "+99",
        "1_000",
        "5_349_221",
        "9223372036854775807",
        "-9223372036854775808",
        "0xDEADBEEF",
        "0xdead_beef",
        "0x00ff",
        "0o755",
        "0o0_1",
        "0b1101",
        "0b1_0",
        "0x7FFFFFFFFFFFFFFF",
        "3.14",
        "-0.01",
        "+1.0",
        "5e+22",
        "1e06",
        "-2E-2",
        "6.626e-34",
        "224_617.445_991",
        "0.0",
        "-0.0",
        "0e0",
        "1e1_0",
        "inf",
        "+inf",
        "-inf",
        "nan",
        "+nan",
        "-nan",
        "true",
        "false",
        "1979-05-27T07:32:00Z",
        "1979-05-27t07:32:00z",
        "1979-05-27T00:32:00-07:00",
        "1979-05-27T00:32:00.999999-07:00",
        "1979-05-27T00:32:00.123456789+05:30",
        "1979-05-27 07:32:00Z",
        "1979-05-27T07:32:00",
        "1979-05-27 07:32:00.5",
        "1979-05-27",
        "2000-02-29",
        "07:32:00",
        "00:32:00.999999",
        "23:59:59.1",
        "\"\"",
        "\"plain\"",
        "\"tab\\tnew\\nline \\\"q\\\" \\\\ \\b\\f\\r\"",
        "\"\\u00e9\\U0001F600\\u0000\"",
        "\"caf\u00e9 \u2603\"",
        "''",
        "'C:\\Users\\x'",
        "'<\\i\\c*\\s*>'",
        "'tab\there'",
        "\"\"\"\nRoses\nViolets\"\"\"",
        "\"\"\"one \\\n   two \\\n\n  three\"\"\"",
        "\"\"\"a \"\" b \"\"\"\"\"",
        "\"\"\"\"x\"\"\"",
        "'''\nfirst\n  second'''",
        "'''It's ''fine'' '''''",
        "''''''",
        "\"\"\"\"\"\"",
    };

    private final Random random;
    private int counter;

    TomlGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A valid document. */
    String document() {
        StringBuilder out = new StringBuilder();
        String newline = random.nextInt(8) == 0 ? "\r\n" : "\n";
        if (random.nextBoolean()) out.append("# a lockfile").append(newline);
        keyValues(out, newline, random.nextInt(4));
        int tables = random.nextInt(5);
        for (int t = 0; t < tables; t++) {
            String name = key() + (random.nextBoolean() ? "." + key() : "");
            if (random.nextInt(3) == 0) {
                int elements = 1 + random.nextInt(3);
                for (int e = 0; e < elements; e++) {
                    out.append(indent())
                            .append("[[")
                            .append(name)
                            .append("]]")
                            .append(comment())
                            .append(newline);
                    keyValues(out, newline, random.nextInt(3));
                    if (random.nextInt(3) == 0) {
                        out.append("[")
                                .append(name)
                                .append('.')
                                .append(key())
                                .append("]")
                                .append(newline);
                        keyValues(out, newline, 1);
                    }
                }
            } else {
                out.append(indent())
                        .append("[ ")
                        .append(name)
                        .append(" ]")
                        .append(comment())
                        .append(newline);
                keyValues(out, newline, random.nextInt(4));
            }
            if (random.nextBoolean()) out.append(newline);
        }
        return out.toString();
    }

    /** A valid document, mutated. */
    String mutant() {
        String text = document();
        if (text.isEmpty()) return "=";
        switch (random.nextInt(4)) {
            case 0: {
                int at = random.nextInt(text.length());
                char c = MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()));
                return text.substring(0, at) + c + text.substring(at + 1);
            }
            case 1:
                return text.substring(0, random.nextInt(text.length()));
            case 2: {
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                int at = random.nextInt(lines.size());
                lines.add(random.nextInt(lines.size() + 1), lines.get(at));
                return String.join("\n", lines);
            }
            default: {
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                int a = random.nextInt(lines.size());
                int b = random.nextInt(lines.size());
                String swap = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, swap);
                return String.join("\n", lines);
            }
        }
    }

    private void keyValues(StringBuilder out, String newline, int count) {
        for (int i = 0; i < count; i++) {
            out.append(indent())
                    .append(dottedKey())
                    .append(random.nextBoolean() ? " = " : "\t=")
                    .append(value(0));
            out.append(comment()).append(newline);
        }
    }

    private String dottedKey() {
        String key = key();
        if (random.nextInt(4) == 0) key += (random.nextBoolean() ? "." : " . ") + key();
        return key;
    }

    private String key() {
        int n = ++counter;
        switch (random.nextInt(5)) {
            case 0:
                return "\"k " + n + "\"";
            case 1:
                return "'k" + n + "'";
            case 2:
                return "" + n;
            default:
                return "key_" + n + (random.nextBoolean() ? "-x" : "");
        }
    }

    private String value(int depth) {
        int kind = depth > 3 ? 0 : random.nextInt(10);
        if (kind == 8) {
            StringBuilder out = new StringBuilder("[");
            int n = random.nextInt(4);
            boolean multiLine = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                out.append(multiLine ? "\n  " : i == 0 ? "" : " ").append(value(depth + 1));
                if (i < n - 1 || random.nextBoolean()) out.append(',');
                if (multiLine && random.nextBoolean()) out.append(" # note");
            }
            return out.append(multiLine ? "\n]" : "]").toString();
        }
        if (kind == 9) {
            StringBuilder out = new StringBuilder("{");
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? " " : ", ")
                        .append(dottedKey())
                        .append(" = ")
                        .append(value(depth + 1));
            }
            return out.append(n == 0 ? "}" : " }").toString();
        }
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    private String indent() {
        return random.nextInt(6) == 0 ? "  " : "";
    }

    private String comment() {
        return random.nextInt(5) == 0 ? " # c" : "";
    }
}
