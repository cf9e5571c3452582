package dev.llmring.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The internal endpoints cloud providers document, refused in every spelling before any connection (issue 11 §5).
 * Azure's host endpoint 168.63.129.16 sits in public address space and is refused by address; the others sit in
 * refused ranges or are refused by name before resolution (a resolver here answers the names with public addresses,
 * so only the name rule can refuse them).
 */
class CloudEndpointsTest {
    static Stream<Arguments> cloudEndpoints() {
        List<Arguments> cases = new ArrayList<>();
        // Azure host endpoint (WireServer), 168.63.129.16.
        address(cases, "Azure WireServer dotted", "168.63.129.16");
        address(cases, "Azure WireServer integer", "2822734096");
        address(cases, "Azure WireServer hex", "0xa83f8110");
        address(cases, "Azure WireServer octal", "0250.077.0201.020");
        address(cases, "Azure WireServer dotted hex", "0xa8.0x3f.0x81.0x10");
        address(cases, "Azure WireServer three parts", "168.63.33040");
        address(cases, "Azure WireServer two parts", "168.4161808");
        address(cases, "Azure WireServer trailing dot", "168.63.129.16.");
        address(cases, "Azure WireServer IPv4-mapped dotted", "[::ffff:168.63.129.16]");
        address(cases, "Azure WireServer IPv4-mapped hex", "[::ffff:a83f:8110]");
        address(cases, "Azure WireServer NAT64 dotted", "[64:ff9b::168.63.129.16]");
        address(cases, "Azure WireServer NAT64 hex", "[64:ff9b::a83f:8110]");
        address(cases, "Azure WireServer 6to4", "[2002:a83f:8110::1]");
        address(cases, "Azure WireServer Teredo", "[2001:0:4136:e378:8000:63bf:57c0:7eef]");
        address(cases, "name resolving to Azure WireServer", "wireserver.example");
        address(cases, "name resolving to Azure WireServer IPv4-mapped", "wireserver6.example");
        // Alibaba Cloud metadata, 100.100.100.200 (CGNAT).
        address(cases, "Alibaba metadata dotted", "100.100.100.200");
        address(cases, "Alibaba metadata integer", "1684301000");
        address(cases, "Alibaba metadata hex", "0x646464c8");
        address(cases, "Alibaba metadata octal", "0144.0144.0144.0310");
        address(cases, "Alibaba metadata three parts", "100.100.25800");
        address(cases, "Alibaba metadata IPv4-mapped", "[::ffff:100.100.100.200]");
        address(cases, "Alibaba metadata NAT64", "[64:ff9b::6464:64c8]");
        address(cases, "name resolving to Alibaba metadata", "alibaba.example");
        // 169.254.169.254: AWS, GCP, Azure IMDS, Oracle, DigitalOcean, OpenStack, IBM, Hetzner.
        address(cases, "IMDS dotted", "169.254.169.254");
        address(cases, "IMDS integer", "2852039166");
        address(cases, "IMDS hex", "0xa9fea9fe");
        address(cases, "IMDS octal", "0251.0376.0251.0376");
        address(cases, "IMDS two parts", "169.16689662");
        address(cases, "IMDS IPv4-mapped hex", "[::ffff:a9fe:a9fe]");
        address(cases, "IMDS NAT64 dotted", "[64:ff9b::169.254.169.254]");
        // Other link-local metadata: AWS ECS task metadata, Tencent Cloud; Oracle's legacy address.
        address(cases, "AWS ECS task metadata", "169.254.170.2");
        address(cases, "Tencent Cloud metadata", "169.254.0.23");
        address(cases, "Oracle legacy metadata dotted", "192.0.0.192");
        address(cases, "Oracle legacy metadata integer", "3221225664");
        // AWS IMDS and EKS Pod Identity over IPv6 (unique local).
        address(cases, "AWS IPv6 IMDS", "[fd00:ec2::254]");
        address(cases, "AWS IPv6 IMDS uncompressed", "[fd00:0ec2:0000:0000:0000:0000:0000:0254]");
        address(cases, "AWS IPv6 IMDS upper case", "[FD00:EC2::254]");
        address(cases, "AWS EKS Pod Identity IPv6", "[fd00:ec2::23]");
        address(cases, "name resolving to AWS IPv6 IMDS", "imds6.example");
        // Names refused before resolution (the test resolver answers each with a public address).
        address(cases, "GCP metadata name", "metadata.google.internal");
        address(cases, "GCP metadata name upper case", "METADATA.GOOGLE.INTERNAL");
        address(cases, "GCP metadata name trailing dot", "metadata.google.internal.");
        address(cases, "GCP metadata name percent-encoded", "%6detadata.google.internal");
        address(cases, "AWS internal DNS name", "ip-10-0-0-1.ec2.internal");
        address(cases, "multicast DNS name", "printer.local");
        address(cases, "home network name", "nas.home.arpa");
        address(cases, "Equinix Metal metadata", "metadata.platformequinix.com");
        address(cases, "Packet metadata", "metadata.packet.net");
        cases.add(Arguments.of(Named.of("GCP single-label metadata", "https://metadata/"), Rule.MALFORMED_URL));
        cases.add(
                Arguments.of(Named.of("AWS single-label instance-data", "https://instance-data/"), Rule.MALFORMED_URL));
        return cases.stream();
    }

    private static void address(List<Arguments> cases, String name, String host) {
        String url = "https://" + host + "/latest/meta-data/";
        cases.add(Arguments.of(Named.of(name + " <" + url + ">", url), Rule.NON_PUBLIC_ADDRESS));
    }

    private final RecordingSocketOpener opener = RecordingSocketOpener.refusing();

    private final SafeFetcher fetcher = SafeFetcher.builder(
                    RemoteUrlPolicy.builder().enabled(true).build())
            .environment(name -> null)
            .resolver(new MapResolver()
                    .with("wireserver.example", "168.63.129.16")
                    .with("wireserver6.example", "::ffff:168.63.129.16")
                    .with("alibaba.example", "100.100.100.200")
                    .with("imds6.example", "fd00:ec2::254")
                    .with("metadata.google.internal", "8.8.8.8")
                    .with("ip-10-0-0-1.ec2.internal", "8.8.8.8")
                    .with("printer.local", "8.8.8.8")
                    .with("nas.home.arpa", "8.8.8.8")
                    .with("metadata.platformequinix.com", "8.8.8.8")
                    .with("metadata.packet.net", "8.8.8.8"))
            .socketOpener(opener)
            .build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cloudEndpoints")
    void refusesWithoutConnecting(String url, Rule expected) {
        RemoteUrlRefusedException e = assertThrows(RemoteUrlRefusedException.class, () -> fetcher.fetch(url));
        assertEquals(expected, e.rule(), e.getMessage());
        assertEquals(List.of(), opener.attempts(), "no connection may be attempted");
    }
}
