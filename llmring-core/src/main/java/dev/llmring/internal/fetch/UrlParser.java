package dev.llmring.internal.fetch;

import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses a URL string the strict way, without {@link java.net.URI}: {@code https://host[:port][/path][?query]}
 * and nothing looser. Refused: any other scheme; control characters, spaces and backslashes anywhere; a missing
 * {@code //}; user info; an empty or bad port; a host {@link HostParser} refuses. The fragment is dropped; non-ASCII
 * in path and query is percent-encoded as UTF-8.
 */
final class UrlParser {
    private static final int MAX_URL_LENGTH = 8192;
    private static final int MAX_DISPLAY_PATH = 80;

    private UrlParser() {}

    static ParsedUrl parse(String url) {
        if (url.length() > MAX_URL_LENGTH) throw malformed("a URL", "longer than " + MAX_URL_LENGTH + " characters");
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20
                    || c == 0x7f
                    || c == '\\'
                    || Character.isISOControl(c)
                    || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw malformed("a URL", "contains a control character, space or backslash");
            }
        }
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon) : "";
        if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) throw malformed("a URL", "has no scheme");
        if (!scheme.equalsIgnoreCase("https")) {
            String shown = scheme.length() <= 16 ? scheme.toLowerCase(Locale.ROOT) : "?";
            throw Refusal.of(Rule.SCHEME, "a URL with scheme '" + shown + "'", "only https is allowed");
        }
        if (!url.startsWith("//", colon + 1)) throw malformed("an https URL", "'https:' is not followed by '//'");
        int start = colon + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
        String authority = url.substring(start, end);
        if (authority.indexOf('@') >= 0) {
            throw Refusal.of(Rule.USERINFO, "an https URL", "user info ('user@host') is not allowed");
        }
        String hostText;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) throw malformed("an https URL", "unclosed '[' in host");
            hostText = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') throw malformed("an https URL", "junk after ']'");
                portText = after.substring(1);
            }
        } else {
            int portColon = authority.indexOf(':');
            if (portColon != authority.lastIndexOf(':')) {
                throw malformed("an https URL", "more than one ':' in host (IPv6 needs brackets)");
            }
            hostText = portColon < 0 ? authority : authority.substring(0, portColon);
            portText = portColon < 0 ? null : authority.substring(portColon + 1);
        }
        int port = portText == null ? 443 : port(portText);
        HostParser.Host host;
        try {
            host = HostParser.parse(hostText);
        } catch (IllegalArgumentException e) {
            throw malformed("an https URL", e.getMessage());
        }
        String rest = url.substring(end);
        int hash = rest.indexOf('#');
        if (hash >= 0) rest = rest.substring(0, hash);
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        String target = encode(path.isEmpty() ? "/" : path) + (query >= 0 ? encode(rest.substring(query)) : "");
        String origin = "https://" + host.authorityForm() + (port == 443 ? "" : ":" + port);
        String shownPath = path.isEmpty() ? "/" : encode(path);
        if (shownPath.length() > MAX_DISPLAY_PATH) shownPath = shownPath.substring(0, MAX_DISPLAY_PATH) + "...";
        return new ParsedUrl(host, port, target, origin + shownPath);
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed("an https URL", "bad port");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) throw malformed("an https URL", "port out of range");
        return port;
    }

    /** Percent-encodes non-ASCII (as UTF-8) and the few ASCII characters never sent raw; checks existing escapes. */
    private static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()
                        || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0
                        || s.charAt(i + 1) > 0x7f
                        || s.charAt(i + 2) > 0x7f) {
                    throw malformed("an https URL", "bad percent escape in path or query");
                }
                sb.append(c);
            } else if (c < 0x80 && "\"<>`{}|^".indexOf(c) < 0) {
                sb.append(c);
            } else {
                int cp = s.codePointAt(i);
                if (Character.isSurrogate((char) cp)) throw malformed("an https URL", "unpaired surrogate");
                if (Character.charCount(cp) == 2) i++;
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%')
                            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return sb.toString();
    }

    private static RemoteUrlRefusedException malformed(String what, String why) {
        return Refusal.of(Rule.MALFORMED_URL, what, why);
    }
}
