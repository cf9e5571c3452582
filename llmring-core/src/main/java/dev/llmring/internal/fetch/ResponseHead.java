package dev.llmring.internal.fetch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The status line and header fields of an HTTP/1.x response. Interim 1xx responses (e.g. 103 Early Hints) are
 * skipped. Refused as malformed: a bad status line, obsolete line folding, a field name that is not a token, more
 * than {@value #MAX_FIELDS} fields or a line longer than {@value #MAX_LINE} bytes.
 */
final class ResponseHead {
    static final int MAX_LINE = 8192;
    static final int MAX_FIELDS = 100;
    private static final int MAX_INTERIM = 5;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-9][0-9]{2})(?: .*)?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final int status;
    private final Map<String, List<String>> fields;

    private ResponseHead(int status, Map<String, List<String>> fields) {
        this.status = status;
        this.fields = fields;
    }

    static ResponseHead read(ResponseInput in) throws IOException {
        for (int interim = 0; ; interim++) {
            Matcher m = STATUS_LINE.matcher(in.readLine(MAX_LINE));
            if (!m.matches()) throw new MalformedResponseException("bad status line");
            int status = Integer.parseInt(m.group(1));
            Map<String, List<String>> fields = readFields(in);
            if (status >= 200 || status == 101) return new ResponseHead(status, fields);
            if (interim >= MAX_INTERIM) throw new MalformedResponseException("too many interim responses");
        }
    }

    private static Map<String, List<String>> readFields(ResponseInput in) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = in.readLine(MAX_LINE);
            if (line.isEmpty()) return fields;
            if (count >= MAX_FIELDS) throw new MalformedResponseException("more than " + MAX_FIELDS + " header fields");
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new MalformedResponseException("obsolete header line folding");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new MalformedResponseException("bad header field name");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    int status() {
        return status;
    }

    /** The field's value; null when absent. Repeated fields must agree. */
    @Nullable
    String field(String name) throws MalformedResponseException {
        List<String> values = fields.get(name);
        if (values == null) return null;
        for (String v : values) {
            if (!v.equals(values.get(0))) throw new MalformedResponseException("conflicting " + name + " fields");
        }
        return values.get(0);
    }
}
