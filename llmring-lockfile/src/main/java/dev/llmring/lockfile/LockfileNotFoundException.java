package dev.llmring.lockfile;

import java.util.List;

/** No lockfile was found; {@link #placesLooked()} lists every place tried, in order. */
public class LockfileNotFoundException extends LockfileException {
    private static final long serialVersionUID = 1L;

    /** Every place tried, in order. */
    @SuppressWarnings("serial") // an immutable List.copyOf, serializable in practice (JDK 21+ lints the type)
    private final List<String> placesLooked;

    /**
     * Creates the exception; the message lists the places looked.
     *
     * @param detail what was being looked for
     * @param placesLooked every path, variable or resource tried, in order
     */
    public LockfileNotFoundException(String detail, List<String> placesLooked) {
        super(detail + "; looked in: " + String.join(", ", placesLooked));
        this.placesLooked = List.copyOf(placesLooked);
    }

    /** {@return every path, environment variable or classpath resource tried, in order} */
    public List<String> placesLooked() {
        return placesLooked;
    }
}
