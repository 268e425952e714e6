package dev.trainyard.batch.service;

import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.rest.CreateBatchRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one set of rules for a batch request, whether it came over HTTP or from the batch-request topic:
 * the annotations on the request records plus the limits that are configuration.
 */
@ApplicationScoped
public class BatchRequestValidator {

    private final Validator validator;
    private final BatchApiConfig config;

    public BatchRequestValidator(Validator validator, BatchApiConfig config) {
        this.validator = validator;
        this.config = config;
    }

    /** @throws InvalidRequestException naming every offending field */
    public void check(CreateBatchRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON object is required");
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<CreateBatchRequest> violation : validator.validate(request)) {
            errors.add(new FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        checkLimits(request, errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidRequestException(errors);
        }
    }

    private void checkLimits(CreateBatchRequest request, List<FieldError> errors) {
        BatchApiConfig.Batch limits = config.batch();
        if (request.count() != null && request.count() > limits.maxCount()) {
            errors.add(new FieldError("count", "must be at most " + limits.maxCount()));
        }
        if (request.parameters() == null) {
            return;
        }
        Integer turns = request.parameters().turns();
        if (turns != null && turns > limits.maxTurns()) {
            errors.add(new FieldError("parameters.turns", "must be at most " + limits.maxTurns()));
        }
        Integer maxTokens = request.parameters().maxTokens();
        if (maxTokens != null && maxTokens > limits.maxMaxTokens()) {
            errors.add(new FieldError("parameters.maxTokens", "must be at most " + limits.maxMaxTokens()));
        }
    }

    /** {@code parameters.personas[0].<list element>} reads as {@code parameters.personas[0]} to a client. */
    static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() == null || node.getName().startsWith("<")) {
                if (node.getIndex() != null) {
                    name.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(node.getName());
        }
        return name.toString();
    }
}
