package dev.llmring.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hosts normalise to one canonical form, so the string checked is the string connected to. */
class HostParserTest {

    @ParameterizedTest(name = "{0} is the address {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2130706433|127.0.0.1",
                "0x7f.1|127.0.0.1",
                "0177.0.0.1|127.0.0.1",
                "127.1|127.0.0.1",
                "127.0.1|127.0.0.1",
                "0x7F.0X0.00.0x1|127.0.0.1",
                "127.0.0.1.|127.0.0.1",
                "0|0.0.0.0",
                "0x|0.0.0.0",
                "192.168.257|192.168.1.1",
                "0x8.0x8.0x8.0x8|8.8.8.8",
                "134744072|8.8.8.8",
                "010.010.010.010|8.8.8.8",
                "\uff18\uff0e\uff18\uff0e\uff18\uff0e\uff18|8.8.8.8",
                "%38.8.8.8|8.8.8.8",
                "[::1]|::1",
                "[0:0:0:0:0:0:0:1]|::1",
                "[::FFFF:127.0.0.1]|::ffff:7f00:1",
                "[2606:4700:0:0:0:0:0:1111]|2606:4700::1111",
                "[1:0:0:2:0:0:0:3]|1:0:0:2::3",
                "[1:2:3:4:5:6:7:8]|1:2:3:4:5:6:7:8",
                "[64:ff9b::8.8.8.8]|64:ff9b::808:808",
            })
    void ipLiteralsNormaliseToCanonicalText(String host, String canonical) {
        HostParser.Host parsed = HostParser.parse(host);

        assertTrue(parsed.literal());
        assertEquals(canonical, parsed.ascii());
    }

    @ParameterizedTest(name = "{0} is the name {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Images.Example.COM|images.example.com",
                "images.example.com.|images.example.com",
                "b\u00fccher.example|xn--bcher-kva.example",
                "\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25\u3002\uff23\uff2f\uff2d|example.com",
                "%65xample.com|example.com",
                "xn--bcher-kva.example|xn--bcher-kva.example",
                "1.2.3.example|1.2.3.example",
                "0x7f.example|0x7f.example",
            })
    void namesNormaliseToLowerCaseAscii(String host, String canonical) {
        HostParser.Host parsed = HostParser.parse(host);

        assertFalse(parsed.literal());
        assertEquals(canonical, parsed.ascii());
    }
}
