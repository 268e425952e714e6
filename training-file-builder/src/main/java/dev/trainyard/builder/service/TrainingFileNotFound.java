package dev.trainyard.builder.service;

import java.util.UUID;

/** No training file with this id for the caller (it may exist for another tenant: that is not said). */
public class TrainingFileNotFound extends RuntimeException {

    public TrainingFileNotFound(UUID id) {
        this(String.valueOf(id));
    }

    public TrainingFileNotFound(String id) {
        super("training file " + id + " does not exist");
    }
}
