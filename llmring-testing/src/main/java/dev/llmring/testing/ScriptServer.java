package dev.llmring.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The loopback HTTP server that answers scripted calls: one per JVM, started on first use on 127.0.0.1 and an
 * ephemeral port, all of its threads daemons (it never keeps a JVM alive). Requests go to
 * {@code /<session>/<script>}; each adapter's {@link ScriptSession} is held weakly, so an unused client's scripts
 * are forgotten with it.
 */
final class ScriptServer {
    private static @Nullable ScriptServer shared;

    private static final ConcurrentMap<String, WeakReference<ScriptSession>> SESSIONS = new ConcurrentHashMap<>();

    private final URI base;

    private ScriptServer(HttpServer server) {
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The JVM's server, started on first call. */
    static synchronized ScriptServer shared() {
        if (shared == null) shared = start();
        return shared;
    }

    private static ScriptServer start() {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted provider's loopback server", e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "llmring-scripted-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        ScriptServer s = new ScriptServer(http);
        http.createContext("/", s::handle);
        // The dispatcher thread inherits daemon status from the thread that starts the server.
        Thread starter = new Thread(http::start, "llmring-scripted-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the scripted provider's server", e);
        }
        return s;
    }

    /**
     * Registers {@code session} under a fresh id, forgetting sessions whose adapters are gone. Does not start the
     * server: that waits for the first call.
     */
    static void register(ScriptSession session) {
        SESSIONS.values().removeIf(ref -> ref.get() == null);
        String id;
        do {
            id = UUID.randomUUID().toString().substring(0, 8);
        } while (SESSIONS.putIfAbsent(id, new WeakReference<>(session)) != null);
        session.id(id);
    }

    URI uri(ScriptSession session, String script) {
        return base.resolve(session.id() + "/" + URLEncoder.encode(script, StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) {
        try {
            respond(exchange);
        } catch (IOException e) {
            // the client went away (a timeout, a cut): nothing to tell anyone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange ex) throws IOException, InterruptedException {
        String[] path = ex.getRequestURI().getRawPath().split("/");
        ScriptWire.Request request;
        try {
            request = ScriptWire.parseRequest(ex.getRequestBody().readAllBytes());
        } catch (JsonProcessingException e) {
            sendError(ex, 400, ErrorKind.INVALID_REQUEST, "the request is not the scripted provider's JSON");
            return;
        }
        WeakReference<ScriptSession> ref = path.length == 3 ? SESSIONS.get(path[1]) : null;
        ScriptSession session = ref == null ? null : ref.get();
        if (session == null) {
            sendError(
                    ex,
                    404,
                    ErrorKind.MODEL_NOT_FOUND,
                    "no scripted session at " + ex.getRequestURI().getPath());
            return;
        }
        String name = URLDecoder.decode(path[2], StandardCharsets.UTF_8);
        Script script;
        try {
            script = session.book().find(name);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            sendError(ex, 400, ErrorKind.INVALID_REQUEST, e.getMessage());
            return;
        }
        if (script == null) {
            sendError(
                    ex,
                    404,
                    ErrorKind.MODEL_NOT_FOUND,
                    "no script named '" + name + "'; looked in "
                            + session.book().searched(name));
            return;
        }
        Step step = session.next(script);
        String requestId = session.nextRequestId();
        ex.getResponseHeaders().set("x-request-id", requestId);
        sleep(step.delay());
        if (step.fails()) {
            fail(ex, step);
        } else if (request.stream()) {
            stream(ex, step, request);
        } else {
            reply(ex, step, request, requestId);
        }
    }

    private static void fail(HttpExchange ex, Step step) throws IOException {
        Duration retryAfter = step.retryAfter();
        if (retryAfter != null) {
            long ms = retryAfter.toMillis();
            ex.getResponseHeaders().set("Retry-After", Long.toString((ms + 999) / 1000));
            ex.getResponseHeaders().set("retry-after-ms", Long.toString(ms));
        }
        ErrorKind kind = step.failKind();
        String message =
                step.failMessage() != null ? step.failMessage() : "scripted failure (HTTP " + step.failStatus() + ")";
        sendError(ex, step.failStatus(), kind, message);
    }

    private static void reply(HttpExchange ex, Step step, ScriptWire.Request request, String id) throws IOException {
        if (step.errorAfter() != Step.NONE) {
            sendError(ex, step.errorStatus(), null, "scripted failure (HTTP " + step.errorStatus() + ")");
            return;
        }
        byte[] body = step.malformedAfter() != Step.NONE
                ? "{\"text\": \"unterminated".getBytes(StandardCharsets.UTF_8)
                : ScriptWire.body(step, request, id);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        OutputStream out = ex.getResponseBody();
        if (step.cutAfter() != Step.NONE) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // closing short of the declared length makes the server drop the connection: the client sees EOF
            return;
        }
        out.write(body);
    }

    private static void stream(HttpExchange ex, Step step, ScriptWire.Request request)
            throws IOException, InterruptedException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        List<ScriptWire.Frame> frames = ScriptWire.frames(step, request);
        for (int i = 0; i < frames.size(); i++) {
            if (i == step.cutAfter()) return;
            if (i == step.malformedAfter()) {
                write(out, "event: text\ndata: {\"text\": \"unterminated\n\n");
                return;
            }
            if (i == step.errorAfter()) {
                write(out, ScriptWire.errorFrame(step.errorStatus()).toSse());
                return;
            }
            if (i > 0) sleep(step.eventDelay());
            write(out, frames.get(i).toSse());
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sendError(HttpExchange ex, int status, @Nullable ErrorKind kind, String message)
            throws IOException {
        byte[] body = ScriptWire.errorBody(kind == null ? ProviderError.kindForStatus(status) : kind, message);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) Thread.sleep(d.toMillis());
    }
}
