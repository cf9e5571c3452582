package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile lockfile text ends in a {@link LockfileException} naming the place, never in a {@link StackOverflowError}
 * or a third-party exception, and the key scan stays linear (issue 11 §2).
 */
class HostileTextTest {
    @Test
    void deeplyNestedTomlArrayIsRefusedAtTheBracketPastTheLimit() {
        LockfileException e = assertThrows(LockfileException.class, () -> Fixtures.toml("x = " + "[".repeat(2000)));

        assertEquals(1, e.line());
        assertEquals(5 + Nesting.MAX_DEPTH, e.column());
        assertTrue(e.getMessage().startsWith("test.lock:1:"), e.getMessage());
    }

    @Test
    void deeplyNestedTomlInlineTableIsRefused() {
        LockfileException e =
                assertThrows(LockfileException.class, () -> Fixtures.toml("\n\nx = " + "{a = ".repeat(2000)));

        assertEquals(3, e.line());
    }

    @Test
    void bracketsInsideStringsAndCommentsDoNotCount() {
        String brackets = "[{".repeat(200);
        String text = "# " + brackets + "\n"
                + "a = \"" + brackets + "\\\"" + brackets + "\"\n"
                + "b = '" + brackets + "'\n"
                + "c = \"\"\"\n" + brackets + "\"\"\"\"\n"
                + "d = '''" + brackets + "'''\n"
                + "version = \"1.0\"\n";

        assertDoesNotThrow(() -> Fixtures.toml(text));
    }

    @Test
    void longDottedTomlKeyIsRefusedAsTooDeep() {
        LockfileException e =
                assertThrows(LockfileException.class, () -> Fixtures.toml("a" + ".a".repeat(100) + " = 1\n"));

        assertTrue(e.detail().contains("nest deeper than"), e.getMessage());
    }

    @Test
    void veryLongDottedTomlKeyIsALockfileExceptionOnItsLine() {
        // refused as too deep at the key, before any table is made
        LockfileException e =
                assertThrows(LockfileException.class, () -> Fixtures.toml("a" + ".a".repeat(1000) + " = 1\n"));

        assertTrue(e.line() == 1, e.getMessage());
    }

    @Test
    void badUnicodeEscapeInATableHeaderKeyIsALockfileExceptionWithItsPlace() {
        LockfileException e =
                assertThrows(LockfileException.class, () -> Fixtures.toml("version = \"1.0\"\n[\"\\uD800\"]\n"));

        assertEquals(2, e.line());
        assertTrue(e.detail().startsWith("TOML syntax error"), e.getMessage());
    }

    @Test
    void badEscapeInAnArrayOfTablesHeaderKeyIsALockfileException() {
        LockfileException e = assertThrows(LockfileException.class, () -> Fixtures.toml("[[\"\\x\"]]\n"));

        assertEquals(1, e.line());
    }

    @Test
    void deeplyNestedJsonIsRefusedWithItsPlace() {
        LockfileException e = assertThrows(LockfileException.class, () -> Fixtures.json("{\"a\":" + "[".repeat(5000)));

        assertEquals(1, e.line(), e.getMessage());
        assertTrue(e.column() > Nesting.MAX_DEPTH, e.getMessage());
    }

    @Test
    void lockfileLargerThanTheCapIsRefusedBeforeParsing() {
        String text = "version = \"1.0\"\n# " + "x".repeat(LockfileIo.MAX_BYTES) + "\n";

        LockfileException e = assertThrows(LockfileException.class, () -> Fixtures.toml(text));

        assertTrue(e.detail().contains("256 KiB"), e.getMessage());
    }

    @Test
    void lockfileFileLargerThanTheCapIsRefusedWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("llmring.lock");
        Files.writeString(file, "version = \"1.0\"\n# " + "x".repeat(4 * LockfileIo.MAX_BYTES) + "\n");

        LockfileException e = assertThrows(LockfileException.class, () -> Lockfile.read(file));

        assertTrue(e.detail().contains("256 KiB"), e.getMessage());
    }

    @Test
    void jwtShapeIsFound() {
        String text = "x = \"eyJhbGciOiJIUzI1.eyJzdWIiOiIx.SflKxwRJSMeK\"";

        assertEquals(5, SecretScanner.findJwt(text));
    }

    @Test
    void jwtShapeMustStartAfterANonAlphanumeric() {
        assertEquals(-1, SecretScanner.findJwt("xeyJhbGciOiJIUzI1.eyJzdWIiOiIx.SflKxwRJSMeK"));
    }

    @Test
    void longRunOfJwtStartsWithoutDotsIsScannedLinearly() {
        String text = "eyJ-".repeat(250_000); // 1 MB: the regular expression took 100 s on 160 KB

        assertEquals(-1, SecretScanner.findJwt(text));
        assertNull(SecretScanner.find(text));
    }
}
