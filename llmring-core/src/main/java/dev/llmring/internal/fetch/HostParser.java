package dev.llmring.internal.fetch;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the host part of a URL into one unambiguous {@link Host}, following the WHATWG URL host parser where it is
 * strict and refusing where it would guess. In order: a bracketed host is an IPv6 literal (zone ids refused);
 * otherwise the host is percent-decoded (strict UTF-8), mapped by {@link IDN#toASCII} with STD3 rules (which folds
 * case and maps fullwidth digits and dots, ideographic full stops and other compatibility forms to ASCII) and
 * lower-cased; a host whose last label is a number is an IPv4 literal in any WHATWG spelling (decimal, octal,
 * hex, one to four parts) or refused; anything else must be a fully qualified DNS name of letters, digits and
 * hyphens. One trailing dot is dropped. Failures throw {@link IllegalArgumentException} naming the reason.
 */
final class HostParser {
    private static final int MAX_NAME_LENGTH = 253;

    private HostParser() {}

    /** A parsed host: a DNS name, or an IP literal with its address. */
    record Host(String ascii, boolean literal, byte @Nullable [] address) {
        /** The host as written in a {@code Host} header or URL authority (IPv6 in brackets). */
        String authorityForm() {
            return literal && address != null && address.length == 16 ? "[" + ascii + "]" : ascii;
        }

        /** The literal's address; only for {@link #literal()} hosts. */
        InetAddress inetAddress() {
            try {
                return InetAddress.getByAddress(
                        ascii, Objects.requireNonNull(address).clone());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("bad address length", e);
            }
        }
    }

    static Host parse(String raw) {
        if (raw.isEmpty()) throw new IllegalArgumentException("the host is empty");
        if (raw.startsWith("[")) {
            if (!raw.endsWith("]")) throw new IllegalArgumentException("unclosed IPv6 bracket");
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.indexOf('%') >= 0) throw new IllegalArgumentException("IPv6 zone ids are not allowed");
            byte[] v6 = Ipv6Literal.parse(inner);
            return new Host(Ipv6Literal.format(v6), true, v6);
        }
        if (raw.indexOf(']') >= 0) throw new IllegalArgumentException("stray ']' in host");
        String decoded = percentDecode(raw);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c <= 0x20
                    || c == 0x7f
                    || Character.isISOControl(c)
                    || Character.isWhitespace(c)
                    || Character.getType(c) == Character.FORMAT
                    || c == '%') {
                throw new IllegalArgumentException("control, space or '%' in host");
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(decoded, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid host name (" + e.getMessage() + ")", e);
        }
        if (Ipv4Literal.endsInNumber(ascii)) {
            byte[] v4 = Ipv4Literal.parse(ascii);
            return new Host(Ipv4Literal.format(v4), true, v4);
        }
        return new Host(checkDnsName(ascii), false, null);
    }

    private static String checkDnsName(String ascii) {
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("host name is empty or too long");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("host name must be fully qualified (have a dot)");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) throw new IllegalArgumentException("bad host name label");
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException("host name label starts or ends with '-'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    throw new IllegalArgumentException("host name has a character other than a-z, 0-9, '-'");
                }
            }
        }
        return name;
    }

    /** Percent-decodes strictly: every '%' starts two hex digits and the result is valid UTF-8. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                if (i + 2 >= in.length) throw new IllegalArgumentException("truncated percent escape in host");
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad percent escape in host");
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded host is not UTF-8", e);
        }
    }
}
