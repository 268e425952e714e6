package dev.trainyard.worker.messaging;

/**
 * A record on the request topic that can never be processed (bad JSON, wrong types, unknown schema
 * version). Thrown so the channel's dead-letter strategy moves it to the dead-letter topic with this
 * message as the reason, and the partition keeps moving.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }
}
