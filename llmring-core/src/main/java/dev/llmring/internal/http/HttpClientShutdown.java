package dev.llmring.internal.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Stops a JDK {@link HttpClient} at once where the running JDK can: {@code HttpClient.shutdownNow()} exists from
 * Java 21 on (found by a method handle, since the baseline is 17). It aborts the exchanges still open, closes the
 * pooled connections and ends the selector thread. On Java 17 there is no such method: the client's threads and
 * connections go when it is garbage-collected (idle pooled connections after the JDK's keep-alive timeout).
 */
public final class HttpClientShutdown {
    private static final @Nullable MethodHandle SHUTDOWN_NOW = find("shutdownNow", void.class);

    private HttpClientShutdown() {}

    private static @Nullable MethodHandle find(String name, Class<?> returns) {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, MethodType.methodType(returns));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17 to 20
        }
    }

    /** Whether this JDK can stop a client ({@code shutdownNow}, Java 21+). */
    public static boolean available() {
        return SHUTDOWN_NOW != null;
    }

    /** Stops {@code client} at once; does nothing before Java 21. Never throws. */
    public static void shutdownNow(HttpClient client) {
        MethodHandle h = SHUTDOWN_NOW;
        if (h == null) return;
        try {
            h.invoke(client);
        } catch (Throwable e) {
            // a client that fails to stop is left to the garbage collector, as on Java 17
        }
    }
}
