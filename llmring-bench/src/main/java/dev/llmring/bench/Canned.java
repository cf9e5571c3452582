package dev.llmring.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The fake server's answers, shaped like real OpenAI Chat Completions traffic and encoded once: a non-streamed
 * {@code chat.completion}, and an SSE stream of {@value #CHUNKS} content chunks, a finish chunk, the
 * {@code include_usage} chunk ({@code "choices": []}) and {@code data: [DONE]}, each event its own HTTP chunk.
 */
final class Canned {
    static final int CHUNKS = 200;
    static final String TOKEN = " token";
    static final String ANSWER =
            ("The quick brown fox jumps over the lazy dog. ").repeat(10).trim();
    static final int PROMPT_TOKENS = 25;
    static final int COMPLETION_TOKENS = 90;

    /** The whole HTTP response (head and body) of a non-streamed call. */
    static final byte[] CHAT = response("application/json", false, chatBody());

    /** The whole HTTP response (head and chunked body) of a streamed call. */
    static final byte[] STREAM = response("text/event-stream; charset=utf-8", true, streamBody());

    private Canned() {}

    static String chatBody() {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1735689600,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + ANSWER + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                + ",\"completion_tokens\":" + COMPLETION_TOKENS + ",\"total_tokens\":"
                + (PROMPT_TOKENS + COMPLETION_TOKENS) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
                + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_bench\"}";
    }

    /** The SSE events, one string each (every one ends with its blank line). */
    static String[] streamEvents() {
        String head = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1735689600,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\","
                + "\"choices\":";
        String[] events = new String[CHUNKS + 3];
        for (int i = 0; i < CHUNKS; i++) {
            String delta = i == 0
                    ? "{\"role\":\"assistant\",\"content\":\"" + TOKEN + "\",\"refusal\":null}"
                    : "{\"content\":\"" + TOKEN + "\"}";
            events[i] = "data: " + head + "[{\"index\":0,\"delta\":" + delta
                    + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";
        }
        events[CHUNKS] = "data: " + head
                + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
        events[CHUNKS + 1] = "data: " + head + "[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                + ",\"completion_tokens\":" + CHUNKS + ",\"total_tokens\":" + (PROMPT_TOKENS + CHUNKS)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n";
        events[CHUNKS + 2] = "data: [DONE]\n\n";
        return events;
    }

    private static byte[] streamBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String event : streamEvents()) {
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] response(String contentType, boolean chunked, Object body) {
        byte[] bytes = body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes.length + "\r\n")
                + "x-request-id: req_bench\r\n"
                + "openai-processing-ms: 1\r\n"
                + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        return out.toByteArray();
    }
}
