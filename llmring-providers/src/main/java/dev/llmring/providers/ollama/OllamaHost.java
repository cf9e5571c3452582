package dev.llmring.providers.ollama;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Reads {@code OLLAMA_HOST} (or {@code OLLAMA_BASE_URL}) as Ollama's client does: {@code host}, {@code host:port}, or a URL. */
final class OllamaHost {
    static final URI DEFAULT = URI.create("http://localhost:11434");
    private static final String DEFAULT_PORT = "11434";

    private OllamaHost() {}

    /**
     * The base URL {@code value} names. No scheme means {@code http} and port 11434; {@code http://} and
     * {@code https://} without a port mean 80 and 443. The unspecified addresses {@code 0.0.0.0} and {@code ::}
     * (a server's bind address) mean loopback.
     *
     * @throws IllegalArgumentException naming the value when it is not a usable host
     */
    static URI parse(String value) {
        return parse("OLLAMA_HOST", value);
    }

    /** As {@link #parse(String)}, naming {@code variable} when the value is not a usable host. */
    static URI parse(String variable, String value) {
        String s = value.trim();
        s = stripQuotes(s).trim();
        String scheme = "http";
        String port = DEFAULT_PORT;
        int sep = s.indexOf("://");
        if (sep >= 0) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            s = s.substring(sep + 3);
            if (scheme.equals("http")) port = "80";
            else if (scheme.equals("https")) port = "443";
            else throw bad(variable, value, "scheme must be http or https");
        }
        int slash = s.indexOf('/');
        String path = slash >= 0 ? s.substring(slash) : "";
        String hostport = slash >= 0 ? s.substring(0, slash) : s;
        String host = hostport;
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            if (close < 0) throw bad(variable, value, "unclosed '['");
            host = hostport.substring(0, close + 1);
            String rest = hostport.substring(close + 1);
            if (rest.startsWith(":")) port = rest.substring(1);
            else if (!rest.isEmpty()) throw bad(variable, value, "unexpected text after the IPv6 address");
        } else if (hostport.indexOf(':') >= 0 && hostport.indexOf(':') == hostport.lastIndexOf(':')) {
            host = hostport.substring(0, hostport.indexOf(':'));
            port = hostport.substring(hostport.indexOf(':') + 1);
        } else if (hostport.indexOf(':') >= 0) {
            host = "[" + hostport + "]";
        }
        if (host.isEmpty() || host.equals("0.0.0.0")) host = "127.0.0.1";
        if (host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]")) host = "[::1]";
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535)
            throw bad(variable, value, "port must be 0-65535");
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        try {
            URI uri = new URI(scheme + "://" + host + ":" + port + path);
            if (uri.getHost() == null) throw bad(variable, value, "no host");
            return uri;
        } catch (URISyntaxException e) {
            throw bad(variable, value, e.getReason());
        }
    }

    private static IllegalArgumentException bad(String variable, String value, String why) {
        return new IllegalArgumentException(variable + " '" + value + "' is not a usable host: " + why);
    }

    /** {@code s} without the quote characters at its ends (a value copied from a shell line). */
    private static String stripQuotes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isQuote(s.charAt(start))) start++;
        while (end > start && isQuote(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }
}
