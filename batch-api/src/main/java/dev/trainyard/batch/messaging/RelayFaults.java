package dev.trainyard.batch.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault point between "published to Kafka" and "marked sent": the moment a crash costs the most. Tests arm
 * it to prove such a crash re-publishes instead of losing records. Disarmed it does nothing.
 */
@ApplicationScoped
public class RelayFaults {

    private final AtomicInteger crashesLeft = new AtomicInteger();

    /** The next {@code rounds} relay rounds fail after publishing, before marking their rows sent. */
    public void crashAfterPublish(int rounds) {
        crashesLeft.set(rounds);
    }

    Uni<Void> afterPublish(int rows) {
        if (rows > 0 && crashesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("injected crash after publishing " + rows));
        }
        return Uni.createFrom().voidItem();
    }
}
