package dev.trainyard.worker.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.GenerationRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** Reads a request record's JSON and rejects what no worker can process as a poison record. */
@ApplicationScoped
public class RequestReader {

    private static final int MAX_EXCHANGES = 50;

    private final ObjectMapper mapper;

    public RequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public GenerationRequested read(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonRecordException("empty record value");
        }
        GenerationRequested request;
        try {
            request = mapper.readValue(json, GenerationRequested.class);
        } catch (IOException e) {
            throw new PoisonRecordException("not a GenerationRequested JSON: " + firstLine(e.getMessage()));
        }
        if (request.schemaVersion() != GenerationRequested.SCHEMA_VERSION) {
            throw new PoisonRecordException("unknown schemaVersion " + request.schemaVersion());
        }
        if (request.batchId() == null || request.itemId() == null) {
            throw new PoisonRecordException("batchId and itemId are required");
        }
        if (request.turns() < 1 || request.turns() > MAX_EXCHANGES) {
            throw new PoisonRecordException("turns must be between 1 and " + MAX_EXCHANGES);
        }
        if (isBlank(request.persona()) || isBlank(request.topic())) {
            throw new PoisonRecordException("persona and topic are required");
        }
        return request;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
