package dev.llmring.internal.fetch;

import static dev.llmring.RemoteUrlRefusedException.Rule.MALFORMED_URL;
import static dev.llmring.RemoteUrlRefusedException.Rule.NON_PUBLIC_ADDRESS;
import static dev.llmring.RemoteUrlRefusedException.Rule.SCHEME;
import static dev.llmring.RemoteUrlRefusedException.Rule.UNRESOLVABLE_HOST;
import static dev.llmring.RemoteUrlRefusedException.Rule.USERINFO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * URL forms that must be refused before any connection is attempted: every scheme but https, every way of writing a
 * non-public address (WHATWG IPv4 spellings, IPv6 forms, percent-encoding, fullwidth and other Unicode forms, user
 * info, trailing dots), names resolving to non-public addresses, and URLs that cannot be parsed unambiguously.
 * Fetching is enabled and the address policy is the production one; the socket opener records and never connects.
 */
class RefusedUrlTableTest {

    static Stream<Arguments> refusedUrls() {
        List<Arguments> cases = new ArrayList<>();
        // Every scheme but https, before any parsing of the rest.
        refuse(cases, "plain http", "http://example.com/cat.png", SCHEME);
        refuse(cases, "http to loopback", "http://127.0.0.1/", SCHEME);
        refuse(cases, "upper-case HTTP", "HTTP://127.0.0.1/", SCHEME);
        refuse(cases, "file", "file:///etc/passwd", SCHEME);
        refuse(cases, "file with host", "file://localhost/etc/passwd", SCHEME);
        refuse(cases, "ftp", "ftp://example.com/cat.png", SCHEME);
        refuse(cases, "gopher to redis", "gopher://127.0.0.1:6379/_INFO", SCHEME);
        refuse(cases, "data", "data:image/png;base64,iVBORw0KGgo=", SCHEME);
        refuse(cases, "jar", "jar:https://example.com/a.jar!/cat.png", SCHEME);
        refuse(cases, "dict", "dict://127.0.0.1:11211/stats", SCHEME);
        refuse(cases, "ldap", "ldap://127.0.0.1/dc=example", SCHEME);
        refuse(cases, "sftp", "sftp://example.com/cat.png", SCHEME);
        refuse(cases, "tftp", "tftp://127.0.0.1/cat.png", SCHEME);
        refuse(cases, "ws", "ws://example.com/", SCHEME);
        refuse(cases, "wss", "wss://example.com/", SCHEME);
        refuse(cases, "javascript", "javascript:alert(1)", SCHEME);
        refuse(cases, "netdoc", "netdoc:///etc/passwd", SCHEME);
        refuse(cases, "mailto", "mailto:someone@example.com", SCHEME);
        refuse(cases, "httpss typo", "httpss://example.com/", SCHEME);
        refuse(cases, "https+unix", "https+unix://%2Fvar%2Frun%2Fdocker.sock/", SCHEME);

        // Not parseable unambiguously.
        refuse(cases, "empty string", "", MALFORMED_URL);
        refuse(cases, "no scheme", "example.com/cat.png", MALFORMED_URL);
        refuse(cases, "scheme-relative", "//127.0.0.1/", MALFORMED_URL);
        refuse(cases, "https without slashes", "https:127.0.0.1/", MALFORMED_URL);
        refuse(cases, "https with one slash", "https:/127.0.0.1/", MALFORMED_URL);
        refuse(cases, "https with three slashes", "https:///127.0.0.1/", MALFORMED_URL);
        refuse(cases, "https and nothing", "https://", MALFORMED_URL);
        refuse(cases, "backslashes for slashes", "https:\\\\127.0.0.1\\", MALFORMED_URL);
        refuse(cases, "backslash before at", "https://127.0.0.1\\@example.com/", MALFORMED_URL);
        refuse(cases, "leading space", " https://127.0.0.1/", MALFORMED_URL);
        refuse(cases, "space after host", "https://127.0.0.1 /", MALFORMED_URL);
        refuse(cases, "tab in authority", "https://127.0.0.1\t/", MALFORMED_URL);
        refuse(cases, "newline in host", "https://127.0.0.1\n.example.com/", MALFORMED_URL);
        refuse(cases, "NUL in host", "https://127.0.0.1\u0000.example.com/", MALFORMED_URL);
        refuse(cases, "percent-encoded NUL in host", "https://127.0.0.1%00.example.com/", MALFORMED_URL);
        refuse(cases, "double-encoded percent in host", "https://127.0.0.1%2500.example.com/", MALFORMED_URL);
        refuse(cases, "zero-width space in host", "https://127.0.0.1\u200b/", MALFORMED_URL);
        refuse(cases, "ideographic space in host", "https://127.0.0.1\u3000/", MALFORMED_URL);
        refuse(cases, "port out of range", "https://127.0.0.1:99999/", MALFORMED_URL);
        refuse(cases, "port zero", "https://127.0.0.1:0/", MALFORMED_URL);
        refuse(cases, "empty port", "https://127.0.0.1:/", MALFORMED_URL);
        refuse(cases, "port with letters", "https://127.0.0.1:80a/", MALFORMED_URL);
        refuse(cases, "negative port", "https://127.0.0.1:-1/", MALFORMED_URL);
        refuse(cases, "empty port after IPv6", "https://[::1]:/", MALFORMED_URL);
        refuse(cases, "unbracketed IPv6", "https://::1/", MALFORMED_URL);
        refuse(cases, "unclosed IPv6 bracket", "https://[::1/", MALFORMED_URL);
        refuse(cases, "junk after IPv6 bracket", "https://[::1]x/", MALFORMED_URL);
        refuse(cases, "IPv6 with two ::", "https://[1::2::3]/", MALFORMED_URL);
        refuse(cases, "IPv6 embedded IPv4 with leading zero", "https://[::ffff:127.0.0.01]/", MALFORMED_URL);
        refuse(cases, "IPvFuture", "https://[v1.fe80::1]/", MALFORMED_URL);
        refuse(cases, "IPv6 zone id percent-encoded", "https://[fe80::1%25eth0]/", MALFORMED_URL);
        refuse(cases, "IPv6 zone id raw", "https://[fe80::1%eth0]/", MALFORMED_URL);
        refuse(cases, "five IPv4 parts", "https://1.2.3.4.5/", MALFORMED_URL);
        refuse(cases, "IPv4 part over 255", "https://256.0.0.1/", MALFORMED_URL);
        refuse(cases, "inner IPv4 part over 255", "https://1.256.0.1/", MALFORMED_URL);
        refuse(cases, "decimal over 32 bits", "https://4294967296/", MALFORMED_URL);
        refuse(cases, "hex over 32 bits", "https://0x100000000/", MALFORMED_URL);
        refuse(cases, "invalid octal digit", "https://09.0.0.1/", MALFORMED_URL);
        refuse(cases, "invalid hex digit", "https://0x7g.0.0.1/", MALFORMED_URL);
        refuse(cases, "loopback with a fifth part", "https://127.0.0.1.1/", MALFORMED_URL);
        refuse(cases, "arabic-indic digits", "https://\u0661\u0662\u0667.0.0.1/", MALFORMED_URL);
        refuse(cases, "one-dot-leader dots", "https://127\u20240\u20240\u20241/", MALFORMED_URL);
        refuse(cases, "empty label", "https://a..b.example/", MALFORMED_URL);
        refuse(cases, "underscore in name", "https://exa_mple.example/", MALFORMED_URL);
        refuse(cases, "leading hyphen", "https://-bad.example/", MALFORMED_URL);
        refuse(cases, "single-label localhost", "https://localhost/", MALFORMED_URL);
        refuse(cases, "single-label intranet name", "https://intranet/", MALFORMED_URL);
        refuse(cases, "truncated percent escape in host", "https://127.0.0.1%2/", MALFORMED_URL);
        refuse(cases, "percent-encoded invalid UTF-8", "https://%ff%fe.example/", MALFORMED_URL);

        // User info: the classic parser-confusion vector.
        refuse(cases, "user info before loopback", "https://a@127.0.0.1/", USERINFO);
        refuse(cases, "host-looking user info", "https://evil.com@127.0.0.1/", USERINFO);
        refuse(cases, "user and password", "https://user:pass@127.0.0.1/", USERINFO);
        refuse(cases, "loopback-looking user info", "https://127.0.0.1@example.com/", USERINFO);
        refuse(cases, "user info with port", "https://example.com:443@127.0.0.1/", USERINFO);
        refuse(cases, "empty user info", "https://@127.0.0.1/", USERINFO);
        refuse(cases, "encoded at in user info", "https://%40@127.0.0.1/", USERINFO);
        refuse(cases, "user info before IPv6", "https://a@[::1]/", USERINFO);

        // IPv4 loopback in every WHATWG spelling.
        refuse(cases, "loopback", "https://127.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "loopback with port", "https://127.0.0.1:443/cat.png", NON_PUBLIC_ADDRESS);
        refuse(cases, "upper-case scheme", "HTTPS://127.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "two-part short", "https://127.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "three-part short", "https://127.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "decimal", "https://2130706433/", NON_PUBLIC_ADDRESS);
        refuse(cases, "hex whole", "https://0x7f000001/", NON_PUBLIC_ADDRESS);
        refuse(cases, "hex short", "https://0x7f.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "octal", "https://0177.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "octal short", "https://0177.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "octal whole", "https://017700000001/", NON_PUBLIC_ADDRESS);
        refuse(cases, "mixed hex octal decimal", "https://0x7F.0X0.00.0x1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "zero-padded", "https://127.000.000.001/", NON_PUBLIC_ADDRESS);
        refuse(cases, "trailing dot", "https://127.0.0.1./", NON_PUBLIC_ADDRESS);
        refuse(cases, "top of loopback range", "https://127.255.255.254/", NON_PUBLIC_ADDRESS);
        refuse(cases, "fragment hiding at", "https://127.0.0.1#@example.com/", NON_PUBLIC_ADDRESS);
        refuse(cases, "query hiding at", "https://127.0.0.1?@example.com/", NON_PUBLIC_ADDRESS);
        refuse(cases, "path hiding at", "https://127.0.0.1/@example.com", NON_PUBLIC_ADDRESS);
        // Loopback in Unicode and percent-encoded spellings.
        refuse(
                cases,
                "fullwidth digits and dots",
                "https://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/",
                NON_PUBLIC_ADDRESS);
        refuse(cases, "fullwidth digits", "https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", NON_PUBLIC_ADDRESS);
        refuse(cases, "ideographic full stops", "https://127\u30020\u30020\u30021/", NON_PUBLIC_ADDRESS);
        refuse(cases, "halfwidth ideographic full stops", "https://127\uff610\uff610\uff611/", NON_PUBLIC_ADDRESS);
        refuse(cases, "circled digits", "https://\u2460\u2461\u2466.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "fullwidth hex short", "https://\uff10\uff58\uff17\uff46.\uff11/", NON_PUBLIC_ADDRESS);
        refuse(cases, "percent-encoded digits", "https://%31%32%37.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "percent-encoded dots", "https://127%2E0%2E0%2E1/", NON_PUBLIC_ADDRESS);
        refuse(
                cases,
                "percent-encoded fullwidth",
                "https://%EF%BC%91%EF%BC%92%EF%BC%97%EF%BC%8E0.0.1/",
                NON_PUBLIC_ADDRESS);

        // Other non-public IPv4 ranges, some in odd spellings.
        refuse(cases, "this network zero", "https://0/", NON_PUBLIC_ADDRESS);
        refuse(cases, "this network bare 0x", "https://0x/", NON_PUBLIC_ADDRESS);
        refuse(cases, "this network 0.0.0.0", "https://0.0.0.0/", NON_PUBLIC_ADDRESS);
        refuse(cases, "this network 0.1.2.3", "https://0.1.2.3/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 10/8", "https://10.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 10/8 short", "https://10.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 10/8 octal", "https://012.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 10/8 decimal", "https://167772161/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 10/8 top", "https://10.255.255.255/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 172.16/12 bottom", "https://172.16.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 172.16/12 top", "https://172.31.255.255/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 172.16/12 hex", "https://0xac.0x10.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 192.168/16", "https://192.168.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 192.168/16 three-part", "https://192.168.257/", NON_PUBLIC_ADDRESS);
        refuse(cases, "private 192.168/16 decimal", "https://3232235777/", NON_PUBLIC_ADDRESS);
        refuse(cases, "CGNAT bottom", "https://100.64.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "CGNAT top", "https://100.127.255.255/", NON_PUBLIC_ADDRESS);
        refuse(cases, "cloud metadata", "https://169.254.169.254/latest/meta-data/", NON_PUBLIC_ADDRESS);
        refuse(cases, "cloud metadata decimal", "https://2852039166/", NON_PUBLIC_ADDRESS);
        refuse(cases, "cloud metadata hex", "https://0xa9fea9fe/", NON_PUBLIC_ADDRESS);
        refuse(cases, "cloud metadata octal", "https://0251.0376.0251.0376/", NON_PUBLIC_ADDRESS);
        refuse(cases, "cloud metadata dotted hex", "https://0xa9.0xfe.0xa9.0xfe/", NON_PUBLIC_ADDRESS);
        refuse(cases, "link-local", "https://169.254.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "multicast", "https://224.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "multicast SSDP", "https://239.255.255.250/", NON_PUBLIC_ADDRESS);
        refuse(cases, "broadcast", "https://255.255.255.255/", NON_PUBLIC_ADDRESS);
        refuse(cases, "broadcast hex", "https://0xffffffff/", NON_PUBLIC_ADDRESS);
        refuse(cases, "reserved 240/4", "https://240.0.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "documentation TEST-NET-1", "https://192.0.2.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "documentation TEST-NET-2", "https://198.51.100.7/", NON_PUBLIC_ADDRESS);
        refuse(cases, "documentation TEST-NET-3", "https://203.0.113.9/", NON_PUBLIC_ADDRESS);
        refuse(cases, "benchmarking bottom", "https://198.18.0.1/", NON_PUBLIC_ADDRESS);
        refuse(cases, "benchmarking top", "https://198.19.255.255/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IETF protocol assignments", "https://192.0.0.170/", NON_PUBLIC_ADDRESS);
        refuse(cases, "6to4 relay anycast", "https://192.88.99.1/", NON_PUBLIC_ADDRESS);

        // IPv6 literals.
        refuse(cases, "IPv6 loopback", "https://[::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv6 loopback with port", "https://[::1]:443/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv6 loopback uncompressed", "https://[0:0:0:0:0:0:0:1]/", NON_PUBLIC_ADDRESS);
        refuse(
                cases,
                "IPv6 loopback zero-padded",
                "https://[0000:0000:0000:0000:0000:0000:0000:0001]/",
                NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv6 unspecified", "https://[::]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped loopback dotted", "https://[::ffff:127.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped loopback hex", "https://[::ffff:7f00:1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped upper case", "https://[::FFFF:127.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped private", "https://[::ffff:10.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped metadata", "https://[::ffff:169.254.169.254]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped this network", "https://[::ffff:0.0.0.0]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-mapped multicast", "https://[::ffff:224.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-compatible loopback", "https://[::127.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-compatible hex", "https://[::7f00:1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-compatible public", "https://[::8.8.8.8]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IPv4-translated", "https://[::ffff:0:127.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "NAT64 loopback", "https://[64:ff9b::127.0.0.1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "NAT64 metadata hex", "https://[64:ff9b::a9fe:a9fe]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "NAT64 local-use", "https://[64:ff9b:1::808:808]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "6to4 of loopback", "https://[2002:7f00:1::]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "6to4 of public", "https://[2002:808:808::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "Teredo", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "IETF 2001::/23 benchmarking", "https://[2001:2::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "documentation 2001:db8", "https://[2001:db8::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "documentation 2001:db8 long", "https://[2001:db8:85a3::8a2e:370:7334]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "documentation 3fff", "https://[3fff::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "unique local fc00", "https://[fc00::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "unique local fd", "https://[fd12:3456:789a::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "link-local fe80", "https://[fe80::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "link-local top febf", "https://[febf::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "site-local fec0", "https://[fec0::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "multicast all nodes", "https://[ff02::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "multicast site", "https://[ff05::1:3]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "discard-only", "https://[100::1]/", NON_PUBLIC_ADDRESS);
        refuse(cases, "outside global unicast", "https://[5f00::1]/", NON_PUBLIC_ADDRESS);

        // Names: resolved once, every address must be public.
        refuse(cases, "name to loopback", "https://evil.example/cat.png", NON_PUBLIC_ADDRESS);
        refuse(cases, "name upper case", "https://EVIL.EXAMPLE/cat.png", NON_PUBLIC_ADDRESS);
        refuse(cases, "name trailing dot", "https://evil.example./cat.png", NON_PUBLIC_ADDRESS);
        refuse(cases, "name with port", "https://evil.example:8443/cat.png", NON_PUBLIC_ADDRESS);
        refuse(cases, "name percent-encoded", "https://%65vil.example/", NON_PUBLIC_ADDRESS);
        refuse(
                cases,
                "name fullwidth",
                "https://\uff25\uff36\uff29\uff2c\uff0e\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25/",
                NON_PUBLIC_ADDRESS);
        refuse(cases, "name to private", "https://ten.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to metadata", "https://metadata.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to IPv6 loopback", "https://v6loop.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to unique local", "https://ula.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to public and private", "https://mixed.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to public and link-local IPv6", "https://mixed6.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to IPv4-mapped loopback", "https://mapped.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to NAT64 private", "https://nat64.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to CGNAT", "https://cgnat.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name to 0.0.0.0", "https://zero.example/", NON_PUBLIC_ADDRESS);
        refuse(cases, "localhost subdomain", "https://images.localhost/", NON_PUBLIC_ADDRESS);
        refuse(cases, "name that does not resolve", "https://nx.example/", UNRESOLVABLE_HOST);
        refuse(cases, "name with no addresses", "https://empty.example/", UNRESOLVABLE_HOST);
        return cases.stream();
    }

    private static void refuse(List<Arguments> cases, String name, String url, Rule rule) {
        cases.add(Arguments.of(Named.of(name + " <" + printable(url) + ">", url), rule));
    }

    private final RecordingSocketOpener opener = RecordingSocketOpener.refusing();

    private final SafeFetcher fetcher = SafeFetcher.builder(
                    RemoteUrlPolicy.builder().enabled(true).build())
            .environment(name -> null)
            .resolver(new MapResolver()
                    .with("evil.example", "127.0.0.1")
                    .with("ten.example", "10.0.0.1")
                    .with("metadata.example", "169.254.169.254")
                    .with("v6loop.example", "::1")
                    .with("ula.example", "fd00::1")
                    .with("mixed.example", "93.184.215.14", "10.0.0.1")
                    .with("mixed6.example", "2606:4700::1111", "fe80::1")
                    .with("mapped.example", "::ffff:127.0.0.1")
                    .with("nat64.example", "64:ff9b::a00:1")
                    .with("cgnat.example", "100.64.0.1")
                    .with("zero.example", "0.0.0.0")
                    .with("empty.example"))
            .socketOpener(opener)
            .build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUrls")
    void refusesWithoutConnecting(String url, Rule expected) {
        RemoteUrlRefusedException e = assertThrows(RemoteUrlRefusedException.class, () -> fetcher.fetch(url));
        assertEquals(expected, e.rule(), e.getMessage());
        assertEquals(List.of(), opener.attempts(), "no connection may be attempted");
    }

    @Test
    void tableCoversAtLeastOneHundredForms() {
        assertTrue(refusedUrls().count() >= 100);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else if (c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
