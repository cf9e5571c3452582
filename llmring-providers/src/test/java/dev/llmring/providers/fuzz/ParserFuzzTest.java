package dev.llmring.providers.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileException;
import dev.llmring.providers.fuzz.Mutator.Kind;
import dev.llmring.providers.fuzz.Mutator.Mutant;
import dev.llmring.receipts.Receipt;
import dev.llmring.receipts.ReceiptVerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the parsers of untrusted text through their public entry points: {@link Lockfile#parse}
 * (TOML and JSON seeds: the lockfile module's fixtures) must end in a lockfile or a {@link LockfileException}, and
 * {@link Receipt#parse} in a receipt or a {@link ReceiptVerificationException}; never an {@link Error} or another
 * type. A failure names the seed and the input index.
 */
class ParserFuzzTest {
    private static final long SEED = ProviderFuzzTest.SEED;
    /** Inputs per seed text (TOML seeds got fewer while tomlj took tens of milliseconds on a mutated lockfile). */
    private static final int INPUTS_PER_SEED = 100;

    private static final Duration SAFETY_NET = Duration.ofSeconds(10);
    private static final Path LOCKFILE_FIXTURES = Path.of("../llmring-lockfile/src/test/resources");
    private static final Mutator MUTATOR = new Mutator(SEED, List.of(Kind.values()));

    private static final String RECEIPT = "{\"receipt_id\": \"rcpt_0123456789abcdef\", \"timestamp\":"
            + " \"2025-10-02T12:34:56.123456+00:00\", \"alias\": \"summarizer\", \"profile\": \"prod\","
            + " \"lock_digest\": \"sha256:4f1c0ffee\", \"provider\": \"anthropic\", \"model\": \"claude-3-5-haiku\","
            + " \"prompt_tokens\": 150, \"completion_tokens\": 300, \"total_tokens\": 450, \"input_cost\": 0.000123,"
            + " \"output_cost\": 0.00018, \"total_cost\": 0.000303, \"key_id\": \"k1\", \"batch\": {\"count\": 2,"
            + " \"ids\": [\"a\", \"b\"]}, \"signature\": \"ed25519:AAAA\"}";

    @Test
    void mutatedTomlLockfilesParseOrFailAsLockfileExceptions() {
        for (String seed : List.of("llmring.lock", "python/toml-dump.lock", "python/bundled.lock")) {
            fuzz(
                    read(seed),
                    seed,
                    INPUTS_PER_SEED,
                    text -> Lockfile.parse(text, Format.TOML, "fuzz.lock"),
                    LockfileException.class);
        }
    }

    @Test
    void mutatedJsonLockfilesParseOrFailAsLockfileExceptions() {
        String seed = "python/json-dump.lock.json";
        fuzz(
                read(seed),
                seed,
                INPUTS_PER_SEED,
                text -> Lockfile.parse(text, Format.JSON, "fuzz.lock.json"),
                LockfileException.class);
    }

    @Test
    void mutatedReceiptsParseOrFailAsReceiptVerificationExceptions() {
        fuzz(RECEIPT, "receipt", INPUTS_PER_SEED, Receipt::parse, ReceiptVerificationException.class);
    }

    private static void fuzz(String original, String name, int inputs, Consumer<String> parser, Class<?> typed) {
        for (int index = 0; index < inputs; index++) {
            Mutant mutant = MUTATOR.mutate(original, index);
            String replay = "seed " + SEED + ", " + name + " input #" + index + " (" + mutant.description() + ")";
            assertTimeoutPreemptively(
                    SAFETY_NET,
                    () -> {
                        try {
                            parser.accept(mutant.text());
                        } catch (RuntimeException | Error e) {
                            if (!typed.isInstance(e)) throw new AssertionError(replay + ": untyped " + e, e);
                        }
                    },
                    replay);
        }
    }

    private static String read(String name) {
        try {
            return Files.readString(LOCKFILE_FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("lockfile fixture " + name + " (tests run from the module directory)", e);
        }
    }
}
