package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our TOML 1.0 parser ({@link TomlSource}, {@link TomlLexer}): each kind of value, each rule on redefinition, places. */
class TomlParserTest {
    private static Node parse(String text) {
        return TomlSource.parse(text, "t.toml");
    }

    private static Object value(String toml) {
        return parse("x = " + toml + "\n").members().get("x").plain();
    }

    private static LockfileException refused(String text) {
        LockfileException e = assertThrows(LockfileException.class, () -> parse(text), text);
        assertTrue(e.detail().startsWith("TOML syntax error: ") || e.detail().contains("nest deeper"), e.getMessage());
        assertEquals("t.toml", e.file().orElseThrow());
        return e;
    }

    @Test
    void basicStringsHaveEveryEscape() {
        assertEquals("a\b\t\n\f\r\"\\é😀", value("\"a\\b\\t\\n\\f\\r\\\"\\\\\\u00E9\\U0001F600\""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\\uD800\"",
                "\"\\U00110000\"",
                "\"\\x41\"",
                "\"\\u12\"",
                "\"\\e\"",
                "\"a",
                "\"a\nb\"",
                "\"tab\u0001\"",
                "'a",
                "\"\"\"a",
                "'''a",
                "\"\\ \"",
                "\"\"\"a\"\"\"\"\"\""
            })
    void badStringsAreRefused(String toml) {
        refused("x = " + toml + "\n");
    }

    @Test
    void multiLineBasicStringsTrimTheFirstNewlineAndLineEndingBackslashes() {
        assertEquals("one two\nthree", value("\"\"\"\none \\\n   two\n\\\n  three\"\"\""));
        assertEquals("a\nb", value("\"\"\"a\r\nb\"\"\""));
        assertEquals("\"x\"\"", value("\"\"\"\"x\"\"\"\"\""));
    }

    @Test
    void literalStringsKeepBackslashes() {
        assertEquals("C:\\x\\n", value("'C:\\x\\n'"));
        assertEquals("It's ''ok''\n", value("'''\nIt's ''ok''\n'''"));
        assertEquals("''", value("''''''''"));
    }

    @Test
    void integersInEveryBase() {
        assertEquals(
                List.of(1000L, -17L, 0L, 0xDEADBEEFL, 493L, 13L, Long.MAX_VALUE, Long.MIN_VALUE),
                value("[1_000, -17, +0, 0xdead_BEEF, 0o755, 0b1101, 9223372036854775807, -9223372036854775808]"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "01",
                "1__0",
                "_1",
                "1_",
                "0x",
                "-0x1",
                "0X1",
                "0b2",
                "9223372036854775808",
                "0x8000000000000000",
                "+",
                "1-",
                "١"
            })
    void badIntegersAreRefused(String toml) {
        refused("x = " + toml + "\n");
    }

    @Test
    void floatsWithFractionsExponentsAndSpecials() {
        assertEquals(
                List.of(
                        3.14,
                        -0.01,
                        5e22,
                        1e6,
                        224617.445991,
                        0.0,
                        -0.0,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY),
                value("[3.14, -0.01, 5e+22, 1E06, 224_617.445_991, 0e0, -0.0, inf, -inf]"));
        assertTrue(Double.isNaN((Double) value("+nan")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.", ".5", "1.e5", "1e", "01.5", "1._5", "1e_5", "1e400", "Inf", "NaN", "+-1.0"})
    void badFloatsAreRefused(String toml) {
        refused("x = " + toml + "\n");
    }

    @Test
    void booleans() {
        assertEquals(List.of(true, false), value("[true, false]"));
        refused("x = True\n");
        refused("x = truex\n");
    }

    @Test
    void dateTimesBecomeTheJavaTimeTypesTomljGave() {
        assertEquals(
                OffsetDateTime.parse("1979-05-27T00:32:00.999999-07:00"), value("1979-05-27T00:32:00.999999-07:00"));
        assertEquals(OffsetDateTime.parse("1979-05-27T07:32:00Z"), value("1979-05-27 07:32:00z"));
        assertEquals(LocalDateTime.parse("1979-05-27T07:32:00"), value("1979-05-27t07:32:00"));
        assertEquals(LocalDate.parse("2000-02-29"), value("2000-02-29"));
        assertEquals(LocalTime.parse("00:32:00.5"), value("00:32:00.5"));
    }

    @Test
    void fractionalSecondsBeyondNanosecondsAreTruncatedAsTomlRequires() {
        // tomlj refuses these ("Invalid nanoseconds"); TOML 1.0 says extra precision is truncated, not rounded
        assertEquals(LocalTime.parse("07:32:00.123456789"), value("07:32:00.1234567899"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1979-02-30",
                "1979-05-27T24:00:00",
                "1979-05-27T07:60:00",
                "07:32",
                "7:32:00",
                "1979-5-27",
                "1979-05-27T07:32:00+7:00",
                "07:32:00Z",
                "1979-05-27T07:32:00.",
                "1979-05-27_07:32:00",
                "1979-05-27T07:32:00+25:00",
                "1979-05-27T07:32:60"
            })
    void badDateTimesAreRefused(String toml) {
        refused("x = " + toml + "\n");
    }

    @Test
    void arraysMayMixTypesSpanLinesAndEndInAComma() {
        assertEquals(
                List.of(1L, "a", List.of(2L), Map.of("k", true)),
                value("[ # c\n  1,\n  'a', # c\n\n  [2], {k = true},\n]"));
        refused("x = [1 2]\n");
        refused("x = [,]\n");
        refused("x = [1,,]\n");
    }

    @Test
    void inlineTablesStayOnOneLineWithoutATrailingComma() {
        assertEquals(Map.of("a", Map.of("b", 1L, "c", 2L)), value("{ a.b = 1, a.c = 2 }"));
        refused("x = {a = 1,}\n");
        refused("x = {a = 1\n}\n");
        refused("x = {a = 1, a = 2}\n");
        refused("x = {a = {b = 1}, a.c = 2}\n");
    }

    @Test
    void keysMayBeBareQuotedOrDotted() {
        Node root = parse("bare-key_1 = 1\n\"a b\" = 2\n'c.d' = 3\n\"\" = 4\ne . \"f\" . 'g' = 5\n1.2 = 6\n");
        assertEquals(
                Map.of(
                        "bare-key_1",
                        1L,
                        "a b",
                        2L,
                        "c.d",
                        3L,
                        "",
                        4L,
                        "e",
                        Map.of("f", Map.of("g", 5L)),
                        "1",
                        Map.of("2", 6L)),
                root.plain());
        refused("a b = 1\n");
        refused("\"\"\"a\"\"\" = 1\n");
        refused("a. = 1\n");
        refused("= 1\n");
        refused("a = \n");
        refused("a = 1 b = 2\n");
    }

    @Test
    void tablesAndArraysOfTables() {
        Node root = parse("[a.b]\nx = 1\n[a]\ny = 2\n[[c]]\nz = 1\n[c.d]\nw = 1\n[[c]]\n[[c.e]]\n");
        assertEquals(
                Map.of(
                        "a",
                        Map.of("b", Map.of("x", 1L), "y", 2L),
                        "c",
                        List.of(Map.of("z", 1L, "d", Map.of("w", 1L)), Map.of("e", List.of(Map.of())))),
                root.plain());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a = 1\na = 2\n", // a key twice
                "[a]\n[a]\n", // a table twice
                "[a]\nb = 1\n[a.b]\n", // a value used as a table
                "a = {}\n[a]\n", // an inline table extended by a header
                "a = {}\na.b = 1\n", // an inline table extended by a dotted key
                "a = {b = {}}\n[a.b.c]\n", // a table inside an inline table extended
                "a = []\n[[a]]\n", // a static array extended
                "[[a]]\n[a]\n", // an array of tables redefined as a table
                "[a]\n[[a]]\n", // a table redefined as an array of tables
                "a.b = 1\n[a]\n", // a table made by dotted keys defined again by a header
                "[a]\nb.c = 1\n[a.b]\n", // the same one level down
                "[a.b.c]\n[a]\nb.c.d = 1\n", // dotted keys adding to a table a header defined
                "[a.b]\n[a]\nb.e = 1\n", // dotted keys adding to a table made by a header's path
                "a.b = 1\na.b.c = 2\n", // a value used as a table by a dotted key
                "a = [{}]\na.b = 1\n", // dotted keys into an array
                "[a]\nx = 1\n[a.x]\n", // a header through a value
                "[ [a]]\n",
                "[[a] ]\n",
                "[a\n",
                "[]\n",
                "[a.]\n",
                "[a] b = 1\n", // malformed headers
            })
    void redefinitionsAndMalformedHeadersAreRefused(String text) {
        refused(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a.b = 1\n[a.c]\n", // a header adds a sub-table to a table made by dotted keys
                "[a.b.c]\n[a]\n", // a table made by a header's path defined later
                "[a]\nb.c = 1\nb.d = 2\n", // dotted keys add to their own table
                "[[a]]\nb.c = 1\n[[a]]\nb.c = 2\n", // each element of an array of tables is fresh
                "[a]\n[a.b]\n[a.c]\n",
            })
    void validInterplayOfHeadersAndDottedKeysIsAccepted(String text) {
        parse(text);
    }

    @Test
    void positionsAreTheKeysForValuesTheHeadersForTablesAndTheValuesForElements() {
        Node root = parse("a = 1\n  b.c = [\n   2, # x\n  {d = 3}]\n  [t.u]\n[[v]]\n[[v]]\n");
        assertPlace(root.members().get("a"), 1, 1);
        assertPlace(root.members().get("b"), 2, 3);
        Node c = root.members().get("b").members().get("c");
        assertPlace(c, 2, 3);
        assertPlace(c.elements().get(0), 3, 4);
        assertPlace(c.elements().get(1), 4, 3);
        assertPlace(c.elements().get(1).members().get("d"), 4, 4);
        assertPlace(root.members().get("t"), 5, 3);
        assertPlace(root.members().get("t").members().get("u"), 5, 3);
        assertPlace(root.members().get("v"), 6, 1);
        assertPlace(root.members().get("v").elements().get(1), 7, 1);
    }

    @Test
    void errorsNameTheLineAndColumnOfTheProblem() {
        assertPlace(refused("a = 1\nb = 0x\n"), 2, 5);
        assertPlace(refused("a = 1\n[t]\na = 1\n  a = 2\n"), 4, 3);
        assertPlace(refused("a = \"ok\"\nb = \"bad \\q\"\n"), 2, 10);
        assertPlace(refused("[a]\n[b]\n[ a ]\n"), 3, 3);
        assertPlace(refused("x = [1,\n  2\n  3]\n"), 3, 3);
        assertTrue(refused("a = 1\na = 2\n").detail().contains("'a' is already defined"));
    }

    @Test
    void controlCharactersAndLoneCarriageReturnsAreRefused() {
        refused("# a\u0001\n");
        refused("a = 1\rb = 2\n");
        refused("a = 1 # \u007f\n");
        parse("a = 1\r\n# tab\there\r\n");
    }

    @Test
    void deepAndLongInputsEndInALockfileException() {
        refused("x = " + "[".repeat(100_000));
        refused("x = " + "{a=".repeat(100_000));
        refused("a" + ".a".repeat(100_000) + " = 1\n");
        refused("[" + "a.".repeat(100_000) + "a]\n");
        String many = "x = [" + "1,".repeat(100_000) + "]\n";
        assertEquals(100_000, parse(many).members().get("x").elements().size());
    }

    private static void assertPlace(Node node, int line, int column) {
        assertEquals(line + ":" + column, node.line + ":" + node.column);
    }

    private static void assertPlace(LockfileException e, int line, int column) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
    }
}
