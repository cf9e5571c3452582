package dev.llmring.batch;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of this module (input lines, records, journal entries). */
final class Jsons {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Jsons() {}
}
