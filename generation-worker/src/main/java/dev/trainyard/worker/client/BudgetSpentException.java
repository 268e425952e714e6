package dev.trainyard.worker.client;

/** The API answered 429 without retry-after: the organisation's budget is spent until someone acts. */
public class BudgetSpentException extends RuntimeException {

    public BudgetSpentException(String message) {
        super(message);
    }
}
