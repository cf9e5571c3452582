package dev.llmring.internal.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every address the fetcher asks to connect to; either refuses to connect or really connects. */
final class RecordingSocketOpener implements SocketOpener {
    private final List<InetSocketAddress> attempts = new CopyOnWriteArrayList<>();
    private final boolean connect;

    private RecordingSocketOpener(boolean connect) {
        this.connect = connect;
    }

    /** Records, then fails as if nothing listened: no packet ever leaves. */
    static RecordingSocketOpener refusing() {
        return new RecordingSocketOpener(false);
    }

    /** Records, then connects for real (tests point it at 127.0.0.1 only). */
    static RecordingSocketOpener connecting() {
        return new RecordingSocketOpener(true);
    }

    @Override
    public Socket open(InetSocketAddress address, Duration connectTimeout) throws IOException {
        attempts.add(address);
        if (address.isUnresolved()) throw new AssertionError("asked to connect to an unresolved address " + address);
        if (!connect) throw new ConnectException("test opener never connects");
        return SocketOpener.PLAIN.open(address, connectTimeout);
    }

    List<InetSocketAddress> attempts() {
        return attempts;
    }
}
