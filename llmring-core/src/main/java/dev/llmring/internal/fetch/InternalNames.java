package dev.llmring.internal.fetch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Host names refused before they are resolved, because they name something inside the caller's network or
 * platform whatever the resolver answers: special-use suffixes, and cloud metadata services whose names resolve to a
 * public address yet answer each instance with its own secrets. Names are compared in canonical ASCII form.
 */
final class InternalNames {
    private record Suffix(String suffix, String reason) {}

    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix(".localhost", "'.localhost' names are loopback"),
            new Suffix(
                    ".internal",
                    "'.internal' names are private-use (cloud metadata such as metadata.google.internal,"
                            + " cloud-internal DNS)"),
            new Suffix(".local", "'.local' names are multicast DNS on the local link"),
            new Suffix(".home.arpa", "'.home.arpa' names belong to a home network"));

    /** Metadata services at public addresses, answering per instance (Equinix Metal, formerly Packet). */
    private static final List<String> METADATA_HOSTS = List.of("metadata.platformequinix.com", "metadata.packet.net");

    private InternalNames() {}

    /** Why the canonical host name {@code ascii} is refused before resolution, or null. */
    static @Nullable String refusalReason(String ascii) {
        for (Suffix s : SUFFIXES) {
            if (ascii.endsWith(s.suffix())) return s.reason();
        }
        for (String host : METADATA_HOSTS) {
            if (ascii.equals(host) || ascii.endsWith("." + host)) return "'" + host + "' is a cloud metadata service";
        }
        return null;
    }
}
