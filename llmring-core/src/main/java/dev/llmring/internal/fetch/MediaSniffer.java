package dev.llmring.internal.fetch;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Recognises {@link dev.llmring.RemoteUrlPolicy#SUPPORTED_CONTENT_TYPES} by their leading (magic) bytes. */
final class MediaSniffer {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] PDF = ascii("%PDF-");

    private MediaSniffer() {}

    /** The media type the bytes start like, or null when they start like none of the supported types. */
    static @Nullable String sniff(byte[] b) {
        if (startsWith(b, 0, PNG)) return "image/png";
        if (startsWith(b, 0, JPEG)) return "image/jpeg";
        if (startsWith(b, 0, GIF87) || startsWith(b, 0, GIF89)) return "image/gif";
        if (startsWith(b, 0, RIFF) && startsWith(b, 8, WEBP)) return "image/webp";
        if (startsWith(b, 0, PDF)) return "application/pdf";
        return null;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] magic) {
        if (b.length < offset + magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if (b[offset + i] != magic[i]) return false;
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
