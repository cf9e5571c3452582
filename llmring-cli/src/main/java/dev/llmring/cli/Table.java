package dev.llmring.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart, the last column unpadded. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** A table whose first row is {@code header}. */
    Table(String... header) {
        this(header.length);
        rows.add(header);
    }

    private Table(int columns) {
        this.columns = columns;
    }

    /** A table without a header row. */
    static Table headless(int columns) {
        return new Table(columns);
    }

    Table row(Object... cells) {
        if (cells.length != columns) throw new IllegalArgumentException("expected " + columns + " cells");
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) text[i] = String.valueOf(cells[i]);
        rows.add(text);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) line.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
