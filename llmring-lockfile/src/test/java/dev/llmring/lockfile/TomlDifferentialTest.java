package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our TOML parser against tomlj (the parser the lockfile used up to 0.1, kept in test scope as {@link TomljReference}):
 * the same accept or reject, and on accept the same tree, kinds, values and positions, over every TOML fixture in the
 * repository and over seeded random documents and their mutations.
 *
 * <p>Where tomlj departs from TOML 1.0, the spec wins; those inputs are listed in {@link #TOMLJ_DEPARTS_FROM_SPEC}.
 */
class TomlDifferentialTest {
    private static final int DOCUMENTS = 2_000;
    private static final int MUTANTS = 4_000;

    @Test
    void everyTomlFixtureInTheRepositoryParsesTheSame() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> fixtures;
        try (Stream<Path> files = Files.walk(root)) {
            fixtures = files.filter(p -> p.toString().contains("/src/test/"))
                    .filter(p -> p.toString().endsWith(".lock") || p.toString().endsWith(".toml"))
                    .collect(Collectors.toList());
        }
        assertTrue(fixtures.size() >= 7, fixtures::toString);
        List<String> differences = new ArrayList<>();
        for (Path fixture : fixtures) {
            compare(Files.readString(fixture, StandardCharsets.UTF_8), fixture.toString(), differences);
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void seededRandomDocumentsParseTheSame() {
        TomlGenerator generator = new TomlGenerator(18);
        List<String> differences = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            if (compare(generator.document(), "document " + i, differences)) accepted++;
        }
        assertEquals(List.of(), differences.subList(0, Math.min(3, differences.size())));
        assertEquals(DOCUMENTS, accepted); // the generator writes valid TOML only
    }

    @Test
    void seededMutantsAreAcceptedOrRefusedTheSame() {
        TomlGenerator generator = new TomlGenerator(1018);
        List<String> differences = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < MUTANTS; i++) {
            if (!compare(generator.mutant(), "mutant " + i, differences)) refused++;
        }
        assertEquals(List.of(), differences.subList(0, Math.min(3, differences.size())));
        assertTrue(refused > MUTANTS / 4, "only " + refused + " mutants were refused");
    }

    @Test
    void edgeCasesParseTheSameOrAsTomlSays() {
        List<String> differences = new ArrayList<>();
        for (String text : EDGE_CASES) {
            compare(text, "edge case", differences);
        }
        assertEquals(List.of(), differences);
    }

    /** Adds a line to {@code differences} unless both parsers agree; returns whether ours accepted the text. */
    private static boolean compare(String text, String name, List<String> differences) {
        String theirs = outcome(() -> TomljReference.parse(text, "t.toml"));
        String ours = outcome(() -> TomlSource.parse(text, "t.toml"));
        boolean accepted = !ours.startsWith("!");
        String expected = TOMLJ_DEPARTS_FROM_SPEC.getOrDefault(text, theirs);
        if (expected.startsWith("!") && ours.startsWith("!")) return accepted;
        if (!expected.equals(ours)) {
            differences.add(name + ": " + quote(text) + "\n  tomlj: " + expected + "\n  ours:  " + ours);
        }
        return accepted;
    }

    private static String outcome(java.util.function.Supplier<Node> parse) {
        try {
            return render(parse.get());
        } catch (LockfileException e) {
            return "!" + e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "!!" + e;
        }
    }

    static String render(Node node) {
        StringBuilder out = new StringBuilder();
        render(node, out);
        return out.toString();
    }

    private static void render(Node node, StringBuilder out) {
        out.append('@').append(node.line).append(':').append(node.column).append(' ');
        switch (node.kind) {
            case TABLE:
                out.append('{');
                node.members().forEach((k, v) -> {
                    out.append(quote(k)).append('=');
                    render(v, out);
                    out.append(", ");
                });
                out.append('}');
                break;
            case ARRAY:
                out.append('[');
                node.elements().forEach(v -> {
                    render(v, out);
                    out.append(", ");
                });
                out.append(']');
                break;
            default:
                Object value = node.rawValue();
                out.append(node.kind)
                        .append(':')
                        .append(value == null ? "null" : value.getClass().getSimpleName());
                out.append(':').append(value instanceof String ? quote((String) value) : String.valueOf(value));
        }
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') out.append(String.format("\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }

    private static final List<String> EDGE_CASES = List.of(
            // values
            "x = \"\\uD800\"",
            "x = \"\\U00110000\"",
            "x = \"\\x41\"",
            "x = \"\\e\"",
            "x = \"\\ \"",
            "x = \"tab\u0001\"",
            "x = \"\"\"a\"\"\"\"\"\"",
            "x = \"\"\"\"x\"\"\"\"\"",
            "x = ''''''''",
            "x = \"\"\"\none \\\n   two\n\\\n  three\"\"\"",
            "x = \"\"\"a\r\nb\"\"\"",
            "x = '''a\r\nb'''",
            "x = 01",
            "x = 1__0",
            "x = 0X1",
            "x = 9223372036854775808",
            "x = 0x8000000000000000",
            "x = -0x1",
            "x = 0xFFFFFFFFFFFFFFFF",
            "x = 1.",
            "x = .5",
            "x = 1.e5",
            "x = 01.5",
            "x = 1e400",
            "x = 1e-400",
            "x = Inf",
            "x = 1e05",
            "x = -0.0",
            "x = 0e0",
            "x = 00:00:00",
            "x = 1979-02-30",
            "x = 1979-05-27T24:00:00",
            "x = 1979-05-27T07:32:60",
            "x = 07:32",
            "x = 07:32:00Z",
            "x = 1979-05-27T07:32:00+7:00",
            "x = 1979-05-27T07:32:00+25:00",
            "x = 1979-05-27T07:32:00.",
            "x = 1979-05-27 07:32:00",
            "x = 07:32:00.1234567899",
            "x = 1979-05-27T00:32:00.9999999999-07:00",
            "x = 1e-320",
            "x = 0.0e-400",
            "x = [ # c\n  1,\n  'a', # c\n\n  [2], {k = true},\n]",
            "x = [1 2]",
            "x = [,]",
            "x = [1,,]",
            "x = {a = 1,}",
            "x = {a = 1\n}",
            "x = { a.b = 1, a.c = 2 }",
            "x = {a = {b = 1}, a.c = 2}",
            "x = true",
            "x = True",
            "x = truex",
            "a b = 1",
            "\"\"\"a\"\"\" = 1",
            "a. = 1",
            "= 1",
            "\"\" = 1",
            "a = ",
            "a = 1 b = 2",
            "# a\u0001\n",
            "a = 1\rb = 2\n",
            "a = 1 # \u007f\n",
            "a = 1\r\n# tab\there\r\n",
            "\ufeffa = 1",
            "a = \"\u00e9\"",
            "a = 1 # caf\u00e9",
            // tables and redefinition
            "a = 1\na = 2\n",
            "[a]\n[a]\n",
            "[a]\nb = 1\n[a.b]\n",
            "a = {}\n[a]\n",
            "a = {}\na.b = 1\n",
            "a = {b = {}}\n[a.b.c]\n",
            "a = []\n[[a]]\n",
            "[[a]]\n[a]\n",
            "[a]\n[[a]]\n",
            "a.b = 1\n[a]\n",
            "[a]\nb.c = 1\n[a.b]\n",
            "[a.b.c]\n[a]\nb.c.d = 1\n",
            "[a.b]\n[a]\nb.e = 1\n",
            "a.b = 1\na.b.c = 2\n",
            "a = [{}]\na.b = 1\n",
            "[a]\nx = 1\n[a.x]\n",
            "[ [a]]\n",
            "[[a] ]\n",
            "[a\n",
            "[]\n",
            "[a.]\n",
            "[a] b = 1\n",
            "a.b = 1\n[a.c]\n",
            "[a.b.c]\n[a]\n",
            "[a]\nb.c = 1\nb.d = 2\n",
            "[[a]]\nb.c = 1\n[[a]]\nb.c = 2\n",
            "[a]\n[a.b]\n[a.c]\n",
            "[a.b]\nx = 1\n[a]\ny = 2\n",
            "[[a.b]]\n[a]\nc = 1\n",
            "[a.b]\n[[a]]\n",
            "[[a]]\n[[a.b]]\n[a.b.c]\n[[a]]\n",
            "x = 1\n[a]\nx = 2\n[a.b]\nx = 3\n",
            "  [ a . 'b' . \"c\" ]  # c\n  k = 1\n");

    /** Texts where tomlj's answer is not TOML 1.0's, with the spec's answer ("!" for a refusal). */
    private static final Map<String, String> TOMLJ_DEPARTS_FROM_SPEC = Map.of(
            // tomlj refuses more than nine digits of fractional seconds ("Invalid nanoseconds"); TOML 1.0: "If the
            // value contains greater precision than the implementation can support, the additional precision must be
            // truncated, not rounded."
            "x = 07:32:00.1234567899",
            "@1:1 {\"x\"=@1:1 DATETIME:LocalTime:07:32:00.123456789, }",
            "x = 1979-05-27T00:32:00.9999999999-07:00",
            "@1:1 {\"x\"=@1:1 DATETIME:OffsetDateTime:1979-05-27T00:32:00.999999999-07:00, }");
}
