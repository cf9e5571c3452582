package dev.llmring.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a file of receipts into the exact text of each receipt: one JSON object, an array of objects, or JSON lines
 * (objects one after another). The text is cut out of the file, never re-serialised, so every number, string and
 * duplicate member reaches the verifier exactly as it was signed.
 */
final class ReceiptFile {
    private static final JsonFactory JSON = new JsonFactory();

    private ReceiptFile() {}

    /** One element of the file: its text, or why it is not an object. */
    record Entry(int index, String text, int line) {}

    /**
     * @throws CliFailure when the file is not JSON, or holds something other than objects
     */
    static List<Entry> split(String text, String name) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken token = p.nextToken();
            if (token == null) throw new CliFailure(name + ": no receipt in the file");
            if (token == JsonToken.START_ARRAY) {
                while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                    entries.add(object(p, token, text, name, entries.size()));
                }
                if (p.nextToken() != null) throw new CliFailure(name + ": text after the array");
            } else {
                while (token != null) {
                    entries.add(object(p, token, text, name, entries.size()));
                    token = p.nextToken();
                }
            }
        } catch (JsonProcessingException e) {
            throw new CliFailure(name + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliFailure(name + ": " + e.getMessage());
        }
        return entries;
    }

    private static Entry object(JsonParser p, JsonToken token, String text, String name, int index) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new CliFailure(name + ":" + p.currentTokenLocation().getLineNr() + ": receipt " + (index + 1)
                    + " is not a JSON object");
        }
        int start = (int) p.currentTokenLocation().getCharOffset();
        int line = p.currentTokenLocation().getLineNr();
        p.skipChildren();
        int end = (int) p.currentLocation().getCharOffset();
        return new Entry(index, text.substring(start, end), line);
    }
}
