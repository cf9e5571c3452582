package dev.llmring.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address classes at their edges: one address outside each refused range is public, the edge inside is not. */
class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.215.14",
                "1.0.0.0",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "168.63.129.15",
                "168.63.129.17",
                "126.255.255.255",
                "128.0.0.0",
                "169.253.255.255",
                "169.255.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.0.1.255",
                "192.0.3.0",
                "192.88.98.255",
                "192.167.255.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "198.51.99.255",
                "203.0.112.255",
                "223.255.255.255",
                "2606:4700::1111",
                "2001:4860:4860::8888",
                "2a00:1450:4001::1",
                "2001:200::1",
                "2003::1",
                "3ffe::1",
                "64:ff9b::808:808",
                "::ffff:8.8.8.8"
            })
    void publicAddressIsAllowed(String literal) throws Exception {
        assertNull(PublicAddresses.refusalReason(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.255.255.255",
                "10.0.0.0",
                "100.64.0.0",
                "127.0.0.0",
                "169.254.255.255",
                "172.16.0.0",
                "192.0.0.255",
                "192.0.2.255",
                "192.168.255.255",
                "198.18.0.0",
                "198.19.255.255",
                "198.51.100.0",
                "203.0.113.255",
                "224.0.0.0",
                "239.255.255.255",
                "240.0.0.0",
                "255.255.255.254",
                "255.255.255.255",
                "168.63.129.16",
                "::ffff:168.63.129.16",
                "64:ff9b::a83f:8110",
                "::",
                "::1",
                "::2",
                "::ffff:0:1",
                "64:ff9b::a00:1",
                "64:ff9b:1::1",
                "100::",
                "1fff:ffff::1",
                "2001:1ff::1",
                "2001:db8:ffff::1",
                "2002::1",
                "3fff:fff::1",
                "4000::1",
                "fbff::1",
                "fc00::",
                "fdff::1",
                "fe80::",
                "febf::1",
                "fec0::",
                "feff::1",
                "ff00::",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
            })
    void nonPublicAddressIsRefused(String literal) throws Exception {
        assertNotNull(PublicAddresses.refusalReason(InetAddress.getByName(literal)), literal);
    }
}
