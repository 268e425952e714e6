package dev.trainyard.batch.service;

/** One offending input field, named by its JSON path (for example {@code parameters.personas}). */
public record FieldError(String field, String message) {}
