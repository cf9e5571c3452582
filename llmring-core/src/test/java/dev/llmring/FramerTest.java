package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** SSE and NDJSON framing, fed whole and byte by byte. */
class FramerTest {

    private static final class Recorder implements Framer.Sink {
        final List<String> frames = new ArrayList<>();
        int keepAlives;

        @Override
        public void frame(@Nullable String event, String data) {
            frames.add((event == null ? "" : event + "|") + data);
        }

        @Override
        public void keepAlive() {
            keepAlives++;
        }
    }

    private static Recorder frame(WireFormat format, String body, boolean byteByByte) {
        Recorder r = new Recorder();
        Framer f = Framer.of(format, r);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (byteByByte) {
            for (byte b : bytes) f.feed(ByteBuffer.wrap(new byte[] {b}));
        } else {
            f.feed(ByteBuffer.wrap(bytes));
        }
        f.finish();
        return r;
    }

    private static List<String> sse(String body) {
        List<String> whole = frame(WireFormat.SSE, body, false).frames;
        assertEquals(whole, frame(WireFormat.SSE, body, true).frames, "byte by byte frames the same");
        return whole;
    }

    @Test
    void lfCrlfAndCrLineEndsAllFrame() {
        assertEquals(List.of("a", "b", "c"), sse("data: a\n\ndata: b\r\n\r\ndata: c\r\r"));
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() {
        assertEquals(List.of("one\ntwo\n"), sse("data: one\ndata:two\ndata\n\n"));
    }

    @Test
    void eventNamesTravelWithTheirData() {
        assertEquals(
                List.of("message_start|{}", "ping|{\"type\": \"ping\"}"),
                sse("event: message_start\ndata: {}\n\nevent: ping\ndata: {\"type\": \"ping\"}\n\n"));
    }

    @Test
    void commentsAndBlankFramesAreKeepAlivesNotFrames() {
        Recorder r = frame(WireFormat.SSE, ": keep-alive\n\n\n\nevent: x\n\ndata: a\n\n", false);
        assertEquals(List.of("a"), r.frames);
        assertEquals(5, r.keepAlives);
    }

    @Test
    void onlyOneSpaceAfterTheColonIsRemoved() {
        assertEquals(List.of("  two spaces"), sse("data:   two spaces\n\n"));
    }

    @Test
    void idRetryAndUnknownFieldsAreIgnored() {
        assertEquals(List.of("a"), sse("id: 7\nretry: 100\nfoo: bar\ndata: a\n\n"));
    }

    @Test
    void doneIsPassedToTheAdapterAsAFrame() {
        assertEquals(List.of("[DONE]"), sse("data: [DONE]\n\n"));
    }

    @Test
    void aPendingEventIsDeliveredAtTheEndOfTheBody() {
        assertEquals(List.of("a", "b"), sse("data: a\n\ndata: b"));
    }

    @Test
    void aLeadingByteOrderMarkIsDropped() {
        assertEquals(List.of("a"), sse("\uFEFFdata: a\n\n"));
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() {
        assertEquals(List.of("héllo ✓ 😀"), sse("data: héllo ✓ 😀\n\n"));
    }

    @Test
    void dataWithRunsOfSpacesBeforeTheBraceIsKeptAsIs() {
        assertEquals(
                List.of("{\"type\": \"message_stop\"      }"),
                sse("event: message_stop\ndata: {\"type\": \"message_stop\"      }\n\n").stream()
                        .map(s -> s.substring(s.indexOf('|') + 1))
                        .toList());
    }

    @Test
    void ndjsonFramesEveryNonBlankLine() {
        Recorder r = frame(WireFormat.NDJSON, "{\"a\":1}\n\n{\"b\":2}\r\n  \n{\"c\":3}", true);
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}"), r.frames);
    }

    @Test
    void anOversizedLineIsMalformedNotBuffered() {
        Framer f = Framer.of(WireFormat.NDJSON, new Recorder());
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        assertThrows(ProviderFailure.class, () -> {
            for (int i = 0; i <= Framer.MAX_FRAME_BYTES / chunk.length; i++) f.feed(ByteBuffer.wrap(chunk));
        });
    }
}
