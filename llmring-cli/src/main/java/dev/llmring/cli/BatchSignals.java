package dev.llmring.cli;

import dev.llmring.batch.BatchRunner;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * SIGINT and SIGTERM during {@code batch run}: the first stops the runner gracefully (it then returns, and the command
 * exits 3); the second aborts it (nothing more is journaled, the journal is synced) and halts the process with status
 * 3 at once. The previous handlers come back on {@link #close()}.
 *
 * <p>Only {@code sun.misc.Signal} (module {@code jdk.unsupported}) can take a signal from the JVM and still see the
 * second one; a shutdown hook cannot. It is reached by reflection, since javac warns about it at every use (a
 * warning no annotation silences, and the build fails on warnings). Where it is missing, signals keep the JVM's
 * default behaviour (the journal stays consistent either way).
 */
final class BatchSignals implements AutoCloseable {
    private final List<Object[]> installed = new ArrayList<>();
    private final @Nullable Method handle;

    private BatchSignals(@Nullable Method handle) {
        this.handle = handle;
    }

    static BatchSignals install(BatchRunner runner, PrintWriter err) {
        Class<?> signalClass;
        Class<?> handlerClass;
        Method handle;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new BatchSignals(null);
        }
        AtomicInteger received = new AtomicInteger();
        Object handler = Proxy.newProxyInstance(
                BatchSignals.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                    if (!method.getName().equals("handle")) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "BatchSignals.handler";
                        };
                    }
                    onSignal(runner, err, String.valueOf(args[0]), received.incrementAndGet());
                    return null;
                });
        BatchSignals signals = new BatchSignals(handle);
        for (String name : List.of("INT", "TERM")) {
            try {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                signals.installed.add(new Object[] {signal, handle.invoke(null, signal, handler)});
            } catch (ReflectiveOperationException | RuntimeException e) {
                // this platform lacks that signal, or the JVM keeps it (-Xrs)
            }
        }
        return signals;
    }

    private static void onSignal(BatchRunner runner, PrintWriter err, String signal, int count) {
        if (count == 1) {
            err.println(
                    "llmring batch: " + signal + ": finishing the requests in flight; send it again to exit at once");
            err.flush();
            runner.stop();
            return;
        }
        runner.abort();
        err.println("llmring batch: stopped at once; the journal is consistent, rerun the command to resume");
        err.flush();
        Runtime.getRuntime().halt(BatchRunCommand.STOPPED);
    }

    @Override
    public void close() {
        if (handle == null) return;
        for (Object[] signalAndPrevious : installed) {
            try {
                handle.invoke(null, signalAndPrevious[0], signalAndPrevious[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // leave ours: it only stops a runner that has already finished
            }
        }
    }
}
