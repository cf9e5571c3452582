package dev.llmring.internal.fetch;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One minimal HTTP/1.1 GET over an already connected (TLS) socket: {@code Host}, {@code Accept} from the policy's
 * content types, {@code Accept-Encoding: identity}, {@code Connection: close}. Only a 200 with an allowed content
 * type, no content coding, and a body within the size cap whose magic bytes match the declared type is accepted.
 */
final class HttpExchange {
    static final String USER_AGENT = "llmring-java";

    private final RemoteUrlPolicy policy;
    private final ParsedUrl url;

    HttpExchange(RemoteUrlPolicy policy, ParsedUrl url) {
        this.policy = policy;
        this.url = url;
    }

    FetchedMedia run(Socket socket, Deadline deadline) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ResponseInput in = new ResponseInput(socket, deadline, policy.readTimeout());
        ResponseHead head = ResponseHead.read(in);
        int status = head.status();
        if (status >= 300 && status < 400) {
            throw Refusal.of(Rule.REDIRECT, url.display(), "status " + status + "; redirects are never followed");
        }
        if (status != 200) throw Refusal.of(Rule.HTTP_STATUS, url.display(), "status " + status);
        String contentType = contentType(head);
        String encoding = head.field("content-encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw new MalformedResponseException("content coding '" + shorten(encoding) + "' was not asked for");
        }
        BodyReader body = new BodyReader(in, policy.maxBytes(), url.display());
        byte[] bytes = readBody(head, body);
        String sniffed = MediaSniffer.sniff(bytes);
        if (!contentType.equals(sniffed)) {
            throw Refusal.of(
                    Rule.CONTENT_MISMATCH,
                    url.display(),
                    "declared " + contentType + " but the bytes are "
                            + (sniffed == null ? "not a known type" : sniffed));
        }
        return new FetchedMedia(bytes, contentType);
    }

    private String request() {
        return "GET " + url.target() + " HTTP/1.1\r\n"
                + "Host: " + url.hostHeader() + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: " + String.join(", ", policy.allowedContentTypes()) + "\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n"
                + "\r\n";
    }

    private String contentType(ResponseHead head) throws MalformedResponseException {
        String raw = head.field("content-type");
        if (raw == null) throw Refusal.of(Rule.CONTENT_TYPE, url.display(), "no Content-Type");
        int semicolon = raw.indexOf(';');
        String type =
                (semicolon >= 0 ? raw.substring(0, semicolon) : raw).strip().toLowerCase(Locale.ROOT);
        if (!policy.allowedContentTypes().contains(type)) {
            throw Refusal.of(Rule.CONTENT_TYPE, url.display(), "content type '" + shorten(type) + "' is not allowed");
        }
        return type;
    }

    private byte[] readBody(ResponseHead head, BodyReader body) throws IOException {
        String transferEncoding = head.field("transfer-encoding");
        String contentLength = head.field("content-length");
        if (transferEncoding != null) {
            if (!transferEncoding.equalsIgnoreCase("chunked") || contentLength != null) {
                throw new MalformedResponseException("unsupported Transfer-Encoding (or with Content-Length)");
            }
            return body.chunked();
        }
        if (contentLength != null) {
            if (contentLength.isEmpty()
                    || contentLength.length() > 18
                    || !contentLength.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new MalformedResponseException("bad Content-Length");
            }
            return body.fixedLength(Long.parseLong(contentLength));
        }
        return body.untilClose();
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "...";
    }
}
