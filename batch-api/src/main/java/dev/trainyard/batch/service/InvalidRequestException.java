package dev.trainyard.batch.service;

import java.util.List;

/** Input that breaks a rule; answered with 400 over HTTP and sent to the dead-letter topic from Kafka. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }
}
