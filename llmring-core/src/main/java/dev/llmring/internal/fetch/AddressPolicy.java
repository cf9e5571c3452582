package dev.llmring.internal.fetch;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/** Decides which resolved addresses the fetcher may connect to. The default is {@link PublicAddresses#POLICY}. */
@FunctionalInterface
public interface AddressPolicy {
    /** Why the fetcher must not connect to {@code address} (e.g. {@code "loopback"}), or null when it may. */
    @Nullable
    String refusalReason(InetAddress address);
}
