package dev.trainyard.builder.service;

/** A request value the API refuses; {@code field} names it in the 400 answer. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
