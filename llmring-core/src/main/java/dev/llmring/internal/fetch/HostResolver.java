package dev.llmring.internal.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** Resolves a DNS name to its addresses. The fetcher asks once per fetch and connects only to what it checked. */
@FunctionalInterface
public interface HostResolver {
    /** The system resolver ({@link InetAddress#getAllByName}). */
    HostResolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

    /**
     * @param host an ASCII DNS name, never an IP literal
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
