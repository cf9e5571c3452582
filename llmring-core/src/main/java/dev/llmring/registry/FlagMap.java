package dev.llmring.registry;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map of capability flags, sorted by name: the names in one sorted array and the values in a bit set. A
 * registry model states about twenty flags; as a {@code TreeMap} wrapped unmodifiable that was about 870 bytes a
 * model, here about 180 (issue 18). It reads as the unmodifiable {@code TreeMap} it replaces did: the same iteration
 * order, {@code equals}, {@code hashCode} and {@code toString}, and every mutator throws
 * {@link UnsupportedOperationException}.
 */
final class FlagMap extends AbstractMap<String, Boolean> {
    private static final FlagMap EMPTY = new FlagMap(new String[0], new BitSet());

    private final String[] names;
    private final BitSet values;

    private FlagMap(String[] names, BitSet values) {
        this.names = names;
        this.values = values;
    }

    /** {@return an immutable copy of {@code flags}, whose iteration order (a sorted map's) it keeps} */
    static FlagMap copyOf(SortedMap<String, Boolean> flags) {
        if (flags.isEmpty()) return EMPTY;
        String[] names = new String[flags.size()];
        BitSet values = new BitSet(names.length);
        int i = 0;
        for (Map.Entry<String, Boolean> e : flags.entrySet()) {
            names[i] = e.getKey();
            values.set(i++, e.getValue());
        }
        return new FlagMap(names, values);
    }

    /** Null is refused as a {@code TreeMap} refused it; a key that is not a String is simply not there. */
    private int indexOf(@Nullable Object name) {
        Objects.requireNonNull(name, "name");
        return name instanceof String s ? Arrays.binarySearch(names, s) : -1;
    }

    @Override
    public @Nullable Boolean get(@Nullable Object name) {
        int i = indexOf(name);
        return i >= 0 ? values.get(i) : null;
    }

    @Override
    public boolean containsKey(@Nullable Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Set<Map.Entry<String, Boolean>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Boolean>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Boolean> next() {
                        if (next >= names.length) throw new NoSuchElementException();
                        int i = next++;
                        return Map.entry(names[i], values.get(i));
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    @Override
    public Boolean put(String name, Boolean value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Boolean remove(@Nullable Object name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ? extends Boolean> flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }
}
