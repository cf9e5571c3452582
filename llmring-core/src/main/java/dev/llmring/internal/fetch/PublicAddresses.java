package dev.llmring.internal.fetch;

import java.net.InetAddress;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses count as public, i.e. reachable on the internet and not part of the caller's own network.
 *
 * <p>IPv4 is a block list of the special-purpose ranges (RFC 6890 and successors). IPv6 is an allow list: only global
 * unicast {@code 2000::/3} is public, minus its special ranges (documentation, Teredo and the rest of
 * {@code 2001::/23}, 6to4 {@code 2002::/16}); outside it, only two forms carry an IPv4 address that is judged
 * instead: IPv4-mapped {@code ::ffff:0:0/96} and the NAT64 well-known prefix {@code 64:ff9b::/96} (which DNS64
 * synthesises on IPv6-only networks). Teredo and 6to4 are refused whole rather than decoded: they are obsolete,
 * no image host needs them, and their embedded addresses are easy to get wrong. The local-use NAT64 prefix
 * {@code 64:ff9b:1::/48} and the deprecated IPv4-compatible form {@code ::/96} are refused whole too.
 */
public final class PublicAddresses {
    /** The default policy: refuses every address that is not public. */
    public static final AddressPolicy POLICY = PublicAddresses::refusalReason;

    private record Range(byte[] prefix, int bits, String label) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) return false;
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) return false;
            }
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final Range[] V4 = {
        v4("0.0.0.0", 8, "'this network' 0.0.0.0/8"),
        v4("10.0.0.0", 8, "private 10.0.0.0/8"),
        v4("100.64.0.0", 10, "shared (CGNAT) 100.64.0.0/10"),
        v4("127.0.0.0", 8, "loopback 127.0.0.0/8"),
        v4("169.254.0.0", 16, "link-local 169.254.0.0/16"),
        v4("172.16.0.0", 12, "private 172.16.0.0/12"),
        v4("192.0.0.0", 24, "IETF protocol assignments 192.0.0.0/24"),
        v4("192.0.2.0", 24, "documentation 192.0.2.0/24"),
        v4("192.88.99.0", 24, "6to4 relay anycast 192.88.99.0/24"),
        v4("192.168.0.0", 16, "private 192.168.0.0/16"),
        v4("198.18.0.0", 15, "benchmarking 198.18.0.0/15"),
        v4("198.51.100.0", 24, "documentation 198.51.100.0/24"),
        v4("203.0.113.0", 24, "documentation 203.0.113.0/24"),
        v4("224.0.0.0", 4, "multicast 224.0.0.0/4"),
        v4("255.255.255.255", 32, "broadcast 255.255.255.255"),
        v4("240.0.0.0", 4, "reserved 240.0.0.0/4"),
        // Public address space, yet inside every Azure VM: the host endpoint (WireServer: DNS, DHCP, health probes,
        // VM agent and extension traffic). Cloud metadata elsewhere sits in ranges refused above: 169.254.169.254
        // (AWS, GCP, Azure IMDS, Oracle, DigitalOcean, OpenStack...), Alibaba's 100.100.100.200 (CGNAT), Oracle's
        // legacy 192.0.0.192, AWS's IPv6 IMDS fd00:ec2::254 (unique local, below).
        v4("168.63.129.16", 32, "Azure host endpoint (WireServer) 168.63.129.16"),
    };

    private static final Range GLOBAL_UNICAST = v6("2000::", 3, "global unicast");
    private static final Range MAPPED = v6("::ffff:0:0", 96, "IPv4-mapped");
    private static final Range NAT64 = v6("64:ff9b::", 96, "NAT64");

    private static final Range[] V6_SPECIAL = {
        v6("::1", 128, "loopback ::1"),
        v6("::", 128, "unspecified ::"),
        v6("::", 96, "IPv4-compatible ::/96"),
        v6("::ffff:0:0:0", 96, "IPv4-translated ::ffff:0:0:0/96"),
        v6("64:ff9b:1::", 48, "local-use NAT64 64:ff9b:1::/48"),
        v6("100::", 64, "discard-only 100::/64"),
        v6("fc00::", 7, "unique local fc00::/7"),
        v6("fe80::", 10, "link-local fe80::/10"),
        v6("fec0::", 10, "site-local fec0::/10"),
        v6("ff00::", 8, "multicast ff00::/8"),
        v6("2001:db8::", 32, "documentation 2001:db8::/32"),
        v6("2001::", 32, "Teredo 2001::/32"),
        v6("2001::", 23, "IETF protocol assignments 2001::/23"),
        v6("2002::", 16, "6to4 2002::/16"),
        v6("3fff::", 20, "documentation 3fff::/20"),
    };

    private PublicAddresses() {}

    /** Why {@code address} is not public, or null when it is. */
    public static @Nullable String refusalReason(InetAddress address) {
        return refusalReason(address.getAddress());
    }

    static @Nullable String refusalReason(byte[] a) {
        if (a.length == 4) {
            for (Range r : V4) {
                if (r.contains(a)) return r.label();
            }
            return null;
        }
        if (a.length != 16) return "unknown address family";
        for (Range r : V6_SPECIAL) {
            if (r.contains(a)) return r.label();
        }
        if (MAPPED.contains(a) || NAT64.contains(a)) {
            String embedded = refusalReason(Arrays.copyOfRange(a, 12, 16));
            String form = MAPPED.contains(a) ? MAPPED.label() : NAT64.label();
            return embedded == null ? null : form + " form of " + embedded;
        }
        return GLOBAL_UNICAST.contains(a) ? null : "reserved (outside global unicast 2000::/3)";
    }

    /** The address as text: dotted IPv4, or compressed lower-case IPv6 (no zone). */
    static String text(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == 4 ? Ipv4Literal.format(a) : Ipv6Literal.format(a);
    }

    private static Range v4(String address, int bits, String label) {
        return new Range(Ipv4Literal.parse(address), bits, label);
    }

    private static Range v6(String address, int bits, String label) {
        return new Range(Ipv6Literal.parse(address), bits, label);
    }
}
