package dev.llmring.internal.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A resolver answering from a table (answers may change per call, for rebinding); records every name asked. Names
 * not in the table do not resolve. Addresses are written as IP literals, so building them never touches DNS.
 */
final class MapResolver implements HostResolver {
    private final Map<String, List<List<InetAddress>>> answers = new HashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** Answers {@code host} with {@code addresses} every time. */
    MapResolver with(String host, String... addresses) {
        answers.put(host, new ArrayList<>(List.of(addresses(addresses))));
        return this;
    }

    /** Answers {@code host} with {@code first} the first time and {@code later} every time after. */
    MapResolver rebinding(String host, String first, String later) {
        answers.put(host, new ArrayList<>(List.of(addresses(first), addresses(later))));
        return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
        asked.add(host);
        List<List<InetAddress>> queue = answers.get(host);
        if (queue == null) throw new UnknownHostException("not in the test table");
        return queue.size() > 1 ? queue.remove(0) : queue.get(0);
    }

    List<String> asked() {
        return asked;
    }

    static List<InetAddress> addresses(String... literals) {
        List<InetAddress> result = new ArrayList<>();
        for (String literal : literals) {
            try {
                result.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
            }
        }
        return result;
    }
}
