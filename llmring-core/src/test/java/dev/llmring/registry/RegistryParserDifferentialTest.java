package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link RegistryParser} reads every document as the pre-streaming tree parser
 * ({@link TreeRegistryParser}) did: the same models, field by field, or both refuse it (with the same message for a
 * syntax error). Inputs: the registry fixtures of core and the CLI, hand-written edge cases, seeded random documents
 * and seeded mutants of the fixtures.
 */
class RegistryParserDifferentialTest {
    private static final List<Path> FIXTURE_ROOTS =
            List.of(Path.of("src/test/resources"), Path.of("../llmring-cli/src/test/resources"));

    private final Counts counts = new Counts();
    private PrintStream stderr = System.err;

    /** Both parsers log a DEBUG line per dropped field; thousands of documents would flood the test output. */
    @BeforeEach
    void quiet() {
        stderr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(stderr);
        System.out.println(getClass().getSimpleName() + ": " + counts);
    }

    @Test
    void everyRegistryFixtureReadsTheSame() {
        List<byte[]> fixtures = fixtures();
        assertTrue(fixtures.size() >= 11, "fixtures found: " + fixtures.size());
        for (byte[] f : fixtures) {
            check(f, "openai", null);
            check(f, "anthropic", 7);
        }
        assertEquals(0, counts.refused, "every fixture is a registry document");
    }

    @Test
    void handWrittenEdgeCasesReadTheSame() {
        for (String doc : RegistryEdgeCases.DOCUMENTS) check(doc.getBytes(StandardCharsets.UTF_8), "openai", null);
        check(new byte[0], "openai", null);
        check(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'm', '"', ':', '1', '}'}, "openai", null);
        check("{\"models\":{}}".getBytes(StandardCharsets.UTF_16BE), "openai", null);
        check("{\"models\":{\"a\":{\"x\":\"\u00e9\"}}}".getBytes(StandardCharsets.ISO_8859_1), "openai", null);
        check(
                new byte[] {'{', '"', 'm', 'o', 'd', 'e', 'l', 's', '"', ':', '{', '"', (byte) 0xC3, '"'},
                "openai",
                null);
        // malformed UTF-8 in a string nobody reads (a tree decoded every string; so must the streaming parser)
        int[][] malformed = {
            {0xC3, 0x28},
            {0xC3},
            {0xF8, 0x88, 0x80, 0x80},
            {0xC0, 0xAF},
            {0xED, 0xA0, 0x80},
            {0xFF},
            {0xE2, 0x82},
            {0xF0, 0x9F, 0x98},
            {0x80},
            {0xE2, 0x28, 0xA1},
            {0xF4, 0x90, 0x80, 0x80}
        };
        for (int[] bytes : malformed) {
            for (String at : List.of("{'junk':'a%s','models':{}}", "{'models':{'m':{'x':['%s']}}}")) {
                StringBuilder text = new StringBuilder();
                for (int b : bytes) text.append((char) b);
                String doc = String.format(at, text).replace('\'', '"');
                check(doc.getBytes(StandardCharsets.ISO_8859_1), "openai", null);
            }
        }
        assertTrue(counts.accepted > 20 && counts.refused > 10, counts.toString());
    }

    /** Strings in ignored fields are decoded too: a tree refused one over jackson-core's length bound (20M chars). */
    @Test
    void anOverlongStringIsRefusedEvenInAnIgnoredField() {
        check(
                ("{\"junk\":\"" + "x".repeat(20_000_001) + "\",\"models\":{}}").getBytes(StandardCharsets.UTF_8),
                "openai",
                null);
        assertEquals(1, counts.refused, counts.toString());
    }

    @Test
    void generatedDocumentsReadTheSame() {
        Random random = new Random(18);
        RegistryDocGenerator gen = new RegistryDocGenerator(random);
        for (int i = 0; i < 3000; i++) {
            check(gen.document().getBytes(StandardCharsets.UTF_8), "openai", random.nextInt(8) == 0 ? 3 : null);
        }
        assertTrue(counts.models > 3000, counts.toString());
        assertTrue(counts.refused > 10, counts.toString());
    }

    @Test
    void mutantsOfTheFixturesReadTheSame() {
        Random random = new Random(1818);
        List<byte[]> fixtures = fixtures();
        for (int i = 0; i < 3000; i++) {
            byte[] f = fixtures.get(random.nextInt(fixtures.size()));
            check(RegistryDocGenerator.mutate(f, random), "anthropic", null);
        }
        assertTrue(counts.accepted > 100 && counts.refused > 1000, counts.toString());
    }

    private void check(byte[] body, String provider, @Nullable Integer snapshot) {
        String source = "test source";
        Object expected = outcome(() -> TreeRegistryParser.parse(body, provider, snapshot, source));
        Object actual = outcome(() -> RegistryParser.parse(body, provider, snapshot, source));
        String what = new String(body, StandardCharsets.UTF_8);
        counts.documents++;
        if (expected instanceof RegistryDocument e) {
            if (!(actual instanceof RegistryDocument a)) {
                fail("tree read it, streaming refused: " + actual + "\n" + what);
                return;
            }
            counts.accepted++;
            sameDocument(e, a, what);
            return;
        }
        counts.refused++;
        if (!(actual instanceof RuntimeException a)) {
            fail("tree refused (" + expected + "), streaming read it\n" + what);
            return;
        }
        RuntimeException e = (RuntimeException) expected;
        if (e instanceof NumberFormatException) {
            // the tree parser let jackson-core's NumberFormatException through; the streaming one wraps it
            counts.numberFormat++;
            assertEquals(RegistryException.class, a.getClass(), what);
            assertTrue(a.getMessage().endsWith("is not JSON: " + e.getMessage()), a.getMessage());
            return;
        }
        assertEquals(e.getClass(), a.getClass(), what);
        String trailing = "Trailing token (of type ";
        int at = e.getMessage().indexOf(trailing);
        if (at >= 0) {
            counts.trailing++;
            int end = e.getMessage().indexOf(')', at);
            assertEquals(e.getMessage().substring(0, end) + ") found after value: not allowed", a.getMessage(), what);
        } else {
            assertEquals(e.getMessage(), a.getMessage(), what);
        }
    }

    private void sameDocument(RegistryDocument e, RegistryDocument a, String what) {
        assertEquals(e.provider(), a.provider(), what);
        assertEquals(e.version(), a.version(), what);
        assertEquals(e.updatedAt(), a.updatedAt(), what);
        assertEquals(e.models(), a.models(), what);
        for (int i = 0; i < e.models().size(); i++) {
            counts.models++;
            ModelInfo x = e.models().get(i);
            ModelInfo y = a.models().get(i);
            assertEquals(x.provider(), y.provider(), what);
            assertEquals(x.modelName(), y.modelName(), what);
            assertEquals(x.displayName(), y.displayName(), what);
            assertEquals(x.aliases(), y.aliases(), what);
            assertEquals(x.maxInputTokens(), y.maxInputTokens(), what);
            assertEquals(x.maxOutputTokens(), y.maxOutputTokens(), what);
            for (ModelInfo.Price p : ModelInfo.Price.values()) {
                assertEquals(x.price(p), y.price(p), p + " (scale included) " + what); // BigDecimal.equals: 10.0 != 10
            }
            assertEquals(x.longContextThresholdTokens(), y.longContextThresholdTokens(), what);
            assertEquals(
                    List.copyOf(x.capabilities().entrySet()),
                    List.copyOf(y.capabilities().entrySet()),
                    what);
            assertEquals(x.isActive(), y.isActive(), what);
            assertEquals(x.deprecatedDate(), y.deprecatedDate(), what);
            assertEquals(x.apiEndpoint(), y.apiEndpoint(), what);
            assertEquals(x.registryVersion(), y.registryVersion(), what);
            assertEquals(x.toString(), y.toString(), what);
            assertEquals(x.hashCode(), y.hashCode(), what);
        }
    }

    private static Object outcome(java.util.function.Supplier<RegistryDocument> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    static List<byte[]> fixtures() {
        List<byte[]> out = new ArrayList<>();
        for (Path root : FIXTURE_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    byte[] body = Files.readAllBytes(p);
                    if (new String(body, StandardCharsets.UTF_8).contains("\"models\"")) out.add(body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static final class Counts {
        int documents;
        int accepted;
        int refused;
        int trailing;
        int numberFormat;
        int models;

        @Override
        public String toString() {
            return documents + " documents: " + accepted + " read by both (" + models + " models compared), " + refused
                    + " refused by both (" + trailing + " for trailing tokens, " + numberFormat
                    + " for an unreadable number)";
        }
    }
}
