package dev.llmring.providers.internal;

import java.net.URI;
import java.util.Objects;

/** Joins a configured base URL and an API path, whatever trailing slashes the base was written with. */
public final class Endpoints {
    private Endpoints() {}

    /**
     * {@code base} with {@code path} appended to its path, keeping a query the base carries (some gateways need one).
     *
     * @param base the configured base URL, with or without trailing slashes
     * @param path starts with {@code /}, e.g. {@code /v1/messages}
     * @return the endpoint
     */
    public static URI resolve(URI base, String path) {
        String query = base.getRawQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + trimmedPath(base) + path
                + (query == null ? "" : "?" + query));
    }

    /**
     * {@code base} as text without trailing slashes, for adapters that build a path per call.
     *
     * @param base the configured base URL
     * @return its text without trailing slashes
     */
    public static String trimmed(URI base) {
        String text = base.toString();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') end--;
        return text.substring(0, end);
    }

    private static String trimmedPath(URI base) {
        String path = Objects.requireNonNullElse(base.getRawPath(), "");
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') end--;
        return path.substring(0, end);
    }
}
