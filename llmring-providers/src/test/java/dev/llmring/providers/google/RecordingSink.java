package dev.llmring.providers.google;

import dev.llmring.StreamEvent;
import dev.llmring.spi.EventSink;
import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder emits. */
final class RecordingSink implements EventSink {
    final List<StreamEvent> events = new ArrayList<>();
    final List<String> requestIds = new ArrayList<>();

    @Override
    public void emit(StreamEvent event) {
        events.add(event);
    }

    @Override
    public void requestId(String requestId) {
        requestIds.add(requestId);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        events.stream().filter(StreamEvent.TextDelta.class::isInstance)
                .forEach(e -> sb.append(((StreamEvent.TextDelta) e).text()));
        return sb.toString();
    }

    <T extends StreamEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    StreamEvent last() {
        return events.get(events.size() - 1);
    }
}
