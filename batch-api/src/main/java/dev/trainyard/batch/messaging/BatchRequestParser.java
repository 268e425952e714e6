package dev.trainyard.batch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.batch.config.TenantDirectory;
import dev.trainyard.batch.rest.CreateBatchRequest;
import dev.trainyard.batch.service.InvalidRequestException;
import dev.trainyard.batch.service.JsonErrors;
import dev.trainyard.model.BatchRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Reads a {@link BatchRequested} record with the same strict JSON rules as the HTTP API (it uses the REST
 * mapper, so an unknown field is rejected the same way), after checking the Kafka-only envelope fields.
 */
@ApplicationScoped
public class BatchRequestParser {

    private final ObjectMapper strictMapper;
    private final TenantDirectory tenants;

    public BatchRequestParser(ObjectMapper strictMapper, TenantDirectory tenants) {
        this.strictMapper = strictMapper;
        this.tenants = tenants;
    }

    /** A parsed submission: who it is for, which batch id it gets, and the request itself. */
    public record Submission(UUID requestId, String tenant, CreateBatchRequest request) {}

    /** @throws InvalidRequestException naming the offending field */
    public Submission parse(String value) {
        ObjectNode tree = asObject(value);
        checkVersion(tree.remove("schemaVersion"));
        String tenant = tenant(tree.remove("tenant"));
        UUID requestId = requestId(tree.remove("requestId"));
        try {
            return new Submission(requestId, tenant, strictMapper.treeToValue(tree, CreateBatchRequest.class));
        } catch (JsonProcessingException e) {
            throw JsonErrors.invalid(e);
        }
    }

    private ObjectNode asObject(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("body", "the record has no value");
        }
        try {
            JsonNode tree = strictMapper.readTree(value);
            if (tree instanceof ObjectNode object) {
                return object;
            }
            throw new InvalidRequestException("body", "must be a JSON object");
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "malformed JSON");
        }
    }

    private static void checkVersion(JsonNode version) {
        if (version == null || !version.isInt() || version.intValue() != BatchRequested.SCHEMA_VERSION) {
            throw new InvalidRequestException("schemaVersion", "must be " + BatchRequested.SCHEMA_VERSION);
        }
    }

    private String tenant(JsonNode tenant) {
        if (tenant == null || !tenant.isTextual() || !tenants.knows(tenant.textValue())) {
            throw new InvalidRequestException("tenant", "must name a configured tenant");
        }
        return tenant.textValue();
    }

    private static UUID requestId(JsonNode requestId) {
        if (requestId == null || requestId.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(requestId.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("requestId", "must be a UUID");
        }
    }
}
