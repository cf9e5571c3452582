package dev.llmring.lockfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TOML 1.0 text to {@link Node}s with positions, by our own parser (the lexical forms are in {@link TomlLexer} and
 * {@link TomlScalars}).
 *
 * <p>Until 0.1 this was tomlj, whose ANTLR runtime loaded about 500 classes and half a second of CPU on the first
 * lockfile read and kept its parse tables in static fields for the JVM's life. The positions are tomlj's: a key's
 * value (and the tables its dotted key makes) is placed at the start of the key; a table from a header, and each
 * table of an array of tables, at its header's {@code [}; an array element at the value itself.
 *
 * <p>All of TOML 1.0's rules on defining things once are enforced: a key is set once; a table is defined once, by a
 * header or by dotted keys, not both (a header may still add sub-tables to a table made by dotted keys); inline
 * tables and arrays written as values are complete and cannot be extended. Nesting is bounded twice: before the parse
 * ({@link Nesting}) and while it recurses into arrays and inline tables.
 */
final class TomlSource {
    /** How a table came to be, which decides what may later add to it. */
    private enum Origin {
        /** A step of a header's key path: a later header may define it, dotted keys may not add to it. */
        IMPLICIT,
        /** Defined by a {@code [header]} or as an element of an array of tables. */
        HEADER,
        /** Made by a dotted key: more dotted keys in the same table may add to it, a header may not define it. */
        DOTTED,
        /** An inline table: complete as written. */
        INLINE
    }

    private static final class Table {
        final Map<String, Object> members = new LinkedHashMap<>();
        Origin origin;
        int line;
        int column;

        Table(Origin origin, int line, int column) {
            this.origin = origin;
            this.line = line;
            this.column = column;
        }
    }

    private static final class Array {
        final List<Object> elements = new ArrayList<>();
        /** An array of tables ({@code [[header]]}), to which later headers append; else a value, complete as written. */
        final boolean ofTables;

        final int line;
        final int column;

        Array(boolean ofTables, int line, int column) {
            this.ofTables = ofTables;
            this.line = line;
            this.column = column;
        }
    }

    private final TomlLexer in;
    private final TomlScalars scalars;
    private int depth;

    private TomlSource(String text, String file) {
        this.in = new TomlLexer(text, file);
        this.scalars = new TomlScalars(in);
    }

    /** Parses TOML text; every failure is a {@link LockfileException} naming the file, line and column. */
    static Node parse(String text, String file) {
        Nesting.checkToml(text, file);
        TomlSource source = new TomlSource(text, file);
        return source.node(source.document(), 0);
    }

    private Table document() {
        Table root = new Table(Origin.HEADER, 1, 1);
        Table current = root;
        while (!in.atEnd()) {
            in.skipSpaces();
            int c = in.peek();
            if (c == '#' || c == -1 || in.atNewline()) {
                in.endOfLine("a comment");
            } else if (c == '[') {
                current = header(root);
            } else {
                keyValue(current);
                in.endOfLine("a value");
            }
        }
        return root;
    }

    // ---- headers

    private Table header(Table root) {
        int line = in.line;
        int column = in.column();
        in.pos++;
        boolean arrayOfTables = in.peek() == '[';
        if (arrayOfTables) in.pos++;
        in.skipSpaces();
        List<String> path = new ArrayList<>();
        List<int[]> places = new ArrayList<>();
        key(path, places);
        in.skipSpaces();
        in.expect(']', arrayOfTables ? "']]'" : "']'");
        if (arrayOfTables) in.expect(']', "']]'");
        in.endOfLine("a table header");

        Table table = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            Object next = table.members.get(part);
            if (next == null) {
                Table made = new Table(Origin.IMPLICIT, line, column);
                table.members.put(part, made);
                table = made;
            } else if (next instanceof Table && ((Table) next).origin != Origin.INLINE) {
                table = (Table) next;
            } else if (next instanceof Array && ((Array) next).ofTables) {
                List<Object> elements = ((Array) next).elements;
                table = (Table) elements.get(elements.size() - 1);
            } else {
                throw redefined(path, i, places, "is already " + kindOf(next) + ", not a table");
            }
        }
        String last = path.get(path.size() - 1);
        Object existing = table.members.get(last);
        Table made = new Table(Origin.HEADER, line, column);
        if (arrayOfTables) {
            if (existing == null) {
                Array array = new Array(true, line, column);
                table.members.put(last, array);
                existing = array;
            } else if (!(existing instanceof Array && ((Array) existing).ofTables)) {
                throw redefined(path, path.size() - 1, places, "is already " + kindOf(existing));
            }
            ((Array) existing).elements.add(made);
            return made;
        }
        if (existing == null) {
            table.members.put(last, made);
            return made;
        }
        if (existing instanceof Table && ((Table) existing).origin == Origin.IMPLICIT) {
            Table defined = (Table) existing;
            defined.origin = Origin.HEADER;
            defined.line = line; // placed where it is defined, not where a longer header first named it
            defined.column = column;
            return defined;
        }
        throw redefined(path, path.size() - 1, places, "is already defined");
    }

    // ---- keys and values

    /** A dotted key: its parts and their places. */
    private void key(List<String> path, List<int[]> places) {
        while (true) {
            places.add(new int[] {in.line, in.column()});
            path.add(in.simpleKey());
            if (path.size() > Nesting.MAX_DEPTH) {
                int[] first = places.get(0);
                throw Nesting.tooDeep(in.file, first[0], first[1]);
            }
            in.skipSpaces();
            if (in.peek() != '.') return;
            in.pos++;
            in.skipSpaces();
        }
    }

    /** {@code key = value} into a table: a header's, the root, or an inline table being read. */
    private void keyValue(Table into) {
        int line = in.line;
        int column = in.column();
        List<String> path = new ArrayList<>();
        List<int[]> places = new ArrayList<>();
        key(path, places);
        in.expect('=', "'=' after a key");
        in.skipSpaces();
        Object value = value(line, column);

        Table table = into;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            Object next = table.members.get(part);
            if (next == null) {
                Table made = new Table(Origin.DOTTED, line, column);
                table.members.put(part, made);
                table = made;
            } else if (next instanceof Table && ((Table) next).origin == Origin.DOTTED) {
                table = (Table) next;
            } else {
                throw redefined(
                        path,
                        i,
                        places,
                        next instanceof Table
                                ? "is a table defined elsewhere; dotted keys cannot add to it"
                                : "is already " + kindOf(next) + ", not a table");
            }
        }
        String last = path.get(path.size() - 1);
        if (table.members.containsKey(last)) throw redefined(path, path.size() - 1, places, "is already defined");
        table.members.put(last, value);
    }

    private Object value(int line, int column) {
        int c = in.peek();
        if (c == '"') {
            String s = in.text.startsWith("\"\"\"", in.pos) ? in.multiLineBasicString() : in.basicString();
            return Node.scalar(Node.Kind.STRING, s, line, column);
        }
        if (c == '\'') {
            String s = in.text.startsWith("'''", in.pos) ? in.multiLineLiteralString() : in.literalString();
            return Node.scalar(Node.Kind.STRING, s, line, column);
        }
        if (c == '[' || c == '{') {
            if (++depth > Nesting.MAX_DEPTH) throw Nesting.tooDeep(in.file, in.line, in.column());
            Object nested = c == '[' ? array(line, column) : inlineTable(line, column);
            depth--;
            return nested;
        }
        return scalars.read(line, column);
    }

    private Array array(int line, int column) {
        Array array = new Array(false, line, column);
        in.pos++;
        while (true) {
            in.skipBlankLines();
            if (in.peek() == ']') break;
            array.elements.add(value(in.line, in.column()));
            in.skipBlankLines();
            if (in.peek() == ',') {
                in.pos++;
            } else if (in.peek() != ']') {
                throw in.error("expected ',' or ']' in an array, found " + in.found());
            }
        }
        in.pos++;
        return array;
    }

    private Table inlineTable(int line, int column) {
        Table table = new Table(Origin.HEADER, line, column); // open to dotted keys while it is being read
        in.pos++;
        in.skipSpaces();
        if (in.peek() == '}') {
            in.pos++;
        } else {
            while (true) {
                in.skipSpaces();
                keyValue(table);
                in.skipSpaces();
                if (in.peek() == '}') {
                    in.pos++;
                    break;
                }
                in.expect(',', "',' or '}' in an inline table");
            }
        }
        table.origin = Origin.INLINE;
        return table;
    }

    private LockfileException redefined(List<String> path, int upTo, List<int[]> places, String what) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i <= upTo; i++) {
            key.append(i == 0 ? "" : ".").append(TomlText.key(path.get(i)));
        }
        int[] at = places.get(upTo);
        return in.error("'" + key + "' " + what, at[0], at[1]);
    }

    private static String kindOf(Object value) {
        if (value instanceof Table) return ((Table) value).origin == Origin.INLINE ? "an inline table" : "a table";
        if (value instanceof Array) return ((Array) value).ofTables ? "an array of tables" : "an array";
        return ((Node) value).kind.description;
    }

    // ---- to nodes

    private Node node(Object value, int level) {
        if (value instanceof Table) {
            Table table = (Table) value;
            if (level > Nesting.MAX_DEPTH) throw Nesting.tooDeep(in.file, table.line, table.column); // dotted keys too
            Map<String, Node> members = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : table.members.entrySet()) {
                members.put(e.getKey(), node(e.getValue(), level + 1));
            }
            return Node.table(members, table.line, table.column);
        }
        if (value instanceof Array) {
            Array array = (Array) value;
            if (level > Nesting.MAX_DEPTH) throw Nesting.tooDeep(in.file, array.line, array.column);
            List<Node> elements = new ArrayList<>();
            for (Object element : array.elements) {
                elements.add(node(element, level + 1));
            }
            return Node.array(elements, array.line, array.column);
        }
        return (Node) value;
    }
}
