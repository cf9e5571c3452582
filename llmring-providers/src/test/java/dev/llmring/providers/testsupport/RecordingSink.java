package dev.llmring.providers.testsupport;

import dev.llmring.StreamEvent;
import dev.llmring.spi.EventSink;
import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder emits, in order. */
public final class RecordingSink implements EventSink {
    public final List<StreamEvent> events = new ArrayList<>();
    public final List<String> requestIds = new ArrayList<>();

    @Override
    public void emit(StreamEvent event) {
        events.add(event);
    }

    @Override
    public void requestId(String requestId) {
        requestIds.add(requestId);
    }

    /** The text deltas joined. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        all(StreamEvent.TextDelta.class).forEach(e -> sb.append(e.text()));
        return sb.toString();
    }

    /** The events of one type, in order. */
    public <T extends StreamEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last event. */
    public StreamEvent last() {
        return events.get(events.size() - 1);
    }
}
