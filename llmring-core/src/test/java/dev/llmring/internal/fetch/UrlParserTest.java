package dev.llmring.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What an accepted URL turns into on the wire and in messages. */
class UrlParserTest {

    @Test
    void requestTargetKeepsPathAndQueryAndDropsFragment() {
        assertEquals(
                "/a/b.png?x=1&y=%20",
                UrlParser.parse("https://images.example.com/a/b.png?x=1&y=%20#top")
                        .target());
    }

    @Test
    void emptyPathBecomesSlash() {
        assertEquals("/", UrlParser.parse("https://images.example.com").target());
        assertEquals("/?x=1", UrlParser.parse("https://images.example.com?x=1").target());
    }

    @Test
    void nonAsciiPathIsPercentEncodedAsUtf8() {
        assertEquals(
                "/caf%C3%A9.png",
                UrlParser.parse("https://images.example.com/caf\u00e9.png").target());
    }

    @Test
    void hostHeaderOmitsDefaultPortAndBracketsIpv6() {
        assertEquals(
                "images.example.com",
                UrlParser.parse("https://Images.Example.com:443/").hostHeader());
        assertEquals(
                "images.example.com:8443",
                UrlParser.parse("https://images.example.com:8443/").hostHeader());
        assertEquals(
                "[2606:4700::1111]",
                UrlParser.parse("https://[2606:4700:0::1111]/").hostHeader());
    }

    @Test
    void displayShowsOriginAndPathButNotQuery() {
        assertEquals(
                "https://images.example.com:8443/cat.png",
                UrlParser.parse("https://images.example.com:8443/cat.png?token=test-key-123")
                        .display());
    }
}
