package dev.llmring.lockfile;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * The lockfile module's TOML reading as it was up to 0.1, by tomlj: the reference the differential test holds our own
 * parser to (TOML 1.0: trailing commas in arrays are fine).
 *
 * <p>tomlj places an array element where the whitespace before it starts (for the elements of a multi-line array,
 * the end of the previous line); positions of array elements are moved forward past whitespace and comments to
 * the value itself.
 */
final class TomljReference {
    private final String text;
    private final int[] lineStarts;

    private TomljReference(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Parses TOML text. Nesting is bounded before tomlj sees the text ({@link Nesting}); whatever tomlj still throws
     * (it throws {@link TomlParseError} for some bad escapes in table headers instead of reporting them) becomes a
     * {@link LockfileException} with the place, never a third-party exception or an {@link Error}.
     */
    static Node parse(String text, String file) {
        Nesting.checkToml(text, file);
        TomlParseResult result;
        try {
            result = Toml.parse(text, TomlVersion.V1_0_0);
        } catch (TomlParseError e) {
            throw syntaxError(e, file);
        } catch (RuntimeException | StackOverflowError e) {
            throw new LockfileException(
                    "TOML parser failed (" + e.getClass().getSimpleName() + ")", file, 0, 0, null, null);
        }
        if (result.hasErrors()) {
            throw syntaxError(result.errors().get(0), file);
        }
        return new TomljReference(text).table(result, 1, 1, 0, file);
    }

    private static LockfileException syntaxError(TomlParseError error, String file) {
        TomlPosition at = error.position();
        return new LockfileException(
                "TOML syntax error: " + error.getMessage(),
                file,
                at == null ? 0 : at.line(),
                at == null ? 0 : at.column(),
                null,
                null);
    }

    private Node table(TomlTable table, int line, int column, int depth, String file) {
        if (depth > Nesting.MAX_DEPTH) throw Nesting.tooDeep(file, line, column); // dotted keys nest too
        Map<String, Node> members = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            List<String> path = List.of(key);
            TomlPosition at = table.inputPositionOf(path);
            Object value = table.get(path);
            members.put(
                    key,
                    node(value, at == null ? line : at.line(), at == null ? column : at.column(), depth + 1, file));
        }
        return Node.table(members, line, column);
    }

    private Node array(TomlArray array, int line, int column, int depth, String file) {
        if (depth > Nesting.MAX_DEPTH) throw Nesting.tooDeep(file, line, column);
        List<Node> elements = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            TomlPosition at = array.inputPositionOf(i);
            int[] where = at == null ? new int[] {line, column} : skipBlank(at.line(), at.column());
            elements.add(node(array.get(i), where[0], where[1], depth + 1, file));
        }
        return Node.array(elements, line, column);
    }

    /** The first position at or after (line, column) that is not whitespace or inside a comment. */
    private int[] skipBlank(int line, int column) {
        if (line < 1 || line > lineStarts.length) {
            return new int[] {line, column};
        }
        int i = lineStarts[line - 1] + column - 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else {
                break;
            }
        }
        int l = line;
        while (l < lineStarts.length && lineStarts[l] <= i) {
            l++;
        }
        return new int[] {l, i - lineStarts[l - 1] + 1};
    }

    private Node node(Object value, int line, int column, int depth, String file) {
        if (value instanceof TomlTable) {
            return table((TomlTable) value, line, column, depth, file);
        }
        if (value instanceof TomlArray) {
            return array((TomlArray) value, line, column, depth, file);
        }
        if (value instanceof String) {
            return Node.scalar(Node.Kind.STRING, value, line, column);
        }
        if (value instanceof Long) {
            return Node.scalar(Node.Kind.INTEGER, value, line, column);
        }
        if (value instanceof Double) {
            return Node.scalar(Node.Kind.FLOAT, value, line, column);
        }
        if (value instanceof Boolean) {
            return Node.scalar(Node.Kind.BOOLEAN, value, line, column);
        }
        if (value instanceof Temporal) {
            return Node.scalar(Node.Kind.DATETIME, value, line, column);
        }
        throw new IllegalStateException("Unexpected TOML value " + value.getClass());
    }
}
